'use client'
// What the label canvas draws under the shapes: an image, or a video held still on one frame. A video is
// loaded once, muted and never played; each frame is shown by seeking, and the canvas redraws when the seek
// lands (`shownAt`). A recording whose duration the browser cannot tell (MediaRecorder's webm says Infinity)
// is sought to its end once, which makes the browser read it.
import { useEffect, useState } from 'react'

export type CanvasVideo = {
  /** the time to show, in seconds; null until the duration is known */
  time: number | null
  onDuration: (seconds: number) => void
}
type Loaded = { element: HTMLImageElement | HTMLVideoElement; width: number; height: number }

export function useCanvasSource(
  src: string,
  video: CanvasVideo | undefined,
  onError: ((message: string) => void) | undefined,
): { loaded: Loaded | null; shownAt: number | null } {
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  const [shownAt, setShownAt] = useState<number | null>(null)
  const isVideo = video !== undefined
  const onDuration = video?.onDuration

  useEffect(() => {
    let cancelled = false
    setLoaded(null)
    setShownAt(null)
    if (!isVideo) {
      const element = new window.Image()
      element.onload = () => !cancelled && setLoaded({ element, width: element.naturalWidth, height: element.naturalHeight })
      element.onerror = () => !cancelled && onError?.(`The image could not be loaded from ${src}`)
      element.src = src
      return () => {
        cancelled = true
      }
    }
    const element = document.createElement('video')
    element.muted = true
    element.playsInline = true
    element.preload = 'auto'
    const tellDuration = () => {
      if (cancelled) return
      if (Number.isFinite(element.duration) && element.duration > 0) onDuration?.(element.duration)
      else if (element.duration === Number.POSITIVE_INFINITY) element.currentTime = Number.MAX_SAFE_INTEGER
    }
    element.onloadedmetadata = tellDuration
    element.ondurationchange = tellDuration
    element.onloadeddata = () => !cancelled && setLoaded({ element, width: element.videoWidth, height: element.videoHeight })
    element.onseeked = () => !cancelled && setShownAt(element.currentTime)
    element.onerror = () => !cancelled && onError?.(`The video could not be loaded from ${src}`)
    element.src = src
    return () => {
      cancelled = true
      element.removeAttribute('src')
      element.load()
    }
  }, [src, isVideo, onDuration, onError])

  const time = video?.time ?? null
  useEffect(() => {
    const element = loaded?.element
    if (!(element instanceof HTMLVideoElement) || time === null) return
    if (Math.abs(element.currentTime - time) < 1e-3 && !element.seeking) return setShownAt(element.currentTime)
    element.currentTime = time
  }, [loaded, time])

  return { loaded, shownAt }
}
