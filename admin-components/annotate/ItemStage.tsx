'use client'
// The middle of the workspace: an image on the label canvas (konva, loaded in the browser only), a video's frame
// on the same canvas with the frame slider under it, a text with its spans, or a preview of an item that is not
// drawn on in the browser.
import dynamic from 'next/dynamic'

import { type FrameMark, FrameSlider } from './FrameSlider.tsx'
import type { ImageCanvasProps } from './ImageCanvas.tsx'
import { ItemPreview } from './ItemPreview.tsx'
import { type TextSpanShape, TextSpans } from './TextSpans.tsx'
import type { DataItem } from './types.ts'
import type { VideoFrames } from './useVideoFrames.ts'

// konva runs in the browser only: the server never imports it
const ImageCanvas = dynamic(() => import('./ImageCanvas.tsx'), {
  ssr: false,
  loading: () => <div className="labelops-canvas labelops-canvas__loading">Loading the editor…</div>,
})

export function ItemStage({
  item,
  imageSrc,
  spans,
  spanDrawing,
  video,
  marks = [],
  ...canvas
}: {
  item: DataItem
  imageSrc: string | null
  /** a video item's frame (useVideoFrames) and the marks along its slider */
  video?: VideoFrames | null
  marks?: readonly FrameMark[]
  /** a text item's spans, and the text-span class being labelled */
  spans: TextSpanShape[]
  spanDrawing: { id: string; colour: string; name: string } | null
} & Omit<ImageCanvasProps, 'src' | 'video'>) {
  const type = item.type ?? 'image'
  const text = item.source?.text
  return (
    <section className="labelops-annotate__stage">
      {type === 'text' && typeof text === 'string' ? (
        <TextSpans
          text={text}
          spans={spans}
          drawing={spanDrawing}
          selectedId={canvas.selectedId}
          onSelect={canvas.onSelect}
          onCreate={canvas.onCreate}
          readOnly={canvas.readOnly}
        />
      ) : type === 'video' && video ? (
        imageSrc ? (
          <>
            <ImageCanvas src={imageSrc} video={{ time: video.time, onDuration: video.onDuration }} {...canvas} />
            <FrameSlider video={video} marks={marks} />
          </>
        ) : (
          <div className="labelops-canvas labelops-canvas__loading">
            {item.source?.url || item.source?.media ? 'Loading the video…' : 'This item has no video source.'}
          </div>
        )
      ) : type !== 'image' ? (
        <ItemPreview item={item} src={imageSrc} />
      ) : imageSrc ? (
        <ImageCanvas src={imageSrc} {...canvas} />
      ) : (
        <div className="labelops-canvas labelops-canvas__loading">
          {item.source?.url || item.source?.media ? 'Loading the image…' : 'This item has no image source.'}
        </div>
      )}
    </section>
  )
}
