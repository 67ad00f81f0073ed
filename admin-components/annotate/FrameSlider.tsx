'use client'
// Under a video: the frame slider, with a mark over every frame that has objects (in its class's colour) or an
// open issue, and buttons to step one frame or jump to the next marked frame.
import { nextLabelledFrame } from '../../src/domain/labels/videoFrames.ts'
import type { VideoFrames } from './useVideoFrames.ts'

export type FrameMark = { frame: number; colour: string; title: string }

export function FrameSlider({ video, marks }: { video: VideoFrames; marks: readonly FrameMark[] }) {
  const { frame, count, setFrame } = video
  if (count == null) return <div className="labelops-frames labelops-muted">Reading the video…</div>
  const last = count - 1
  const frames = [...new Set(marks.map((mark) => mark.frame))].sort((a, b) => a - b)
  const at = (value: number) => `${last === 0 ? 0 : (value / last) * 100}%`
  const step = (label: string, title: string, icon: string, to: number | undefined) => (
    <button
      type="button"
      className="labelops-frames__step"
      disabled={to === undefined || to === frame}
      onClick={() => to !== undefined && setFrame(to)}
      title={title}
      aria-label={label}
    >
      <svg
        width="14"
        height="14"
        viewBox="0 0 16 16"
        aria-hidden
        fill="currentColor"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinejoin="round"
      >
        <path d={icon} />
      </svg>
    </button>
  )
  // icons drawn, not typed: the admin's fonts do not all have the media-control characters
  return (
    <div className="labelops-frames" data-frame={frame} data-frames={count}>
      {step(
        'Previous marked frame',
        'The previous frame with labels or issues',
        'M4 3v10M13 3 6 8l7 5z',
        nextLabelledFrame(frames, frame, -1),
      )}
      {step('Previous frame', 'One frame back (,  — Shift: ten)', 'M11 3 4 8l7 5z', frame > 0 ? frame - 1 : undefined)}
      <div className="labelops-frames__track">
        <div className="labelops-frames__marks" aria-hidden>
          {marks.map((mark, index) => (
            <span
              key={`${mark.frame}-${index}`}
              className="labelops-frames__mark"
              style={{ left: at(mark.frame), background: mark.colour }}
              title={mark.title}
            />
          ))}
        </div>
        <input
          type="range"
          min={0}
          max={last}
          step={1}
          value={frame}
          aria-label="Frame"
          aria-valuetext={`Frame ${frame} of ${last}`}
          onChange={(event) => setFrame(Number(event.target.value))}
        />
      </div>
      {step('Next frame', 'One frame forward (.  — Shift: ten)', 'm5 3 7 5-7 5z', frame < last ? frame + 1 : undefined)}
      {step('Next marked frame', 'The next frame with labels or issues', 'M12 3v10M3 3l7 5-7 5z', nextLabelledFrame(frames, frame, 1))}
      <span className="labelops-frames__at" data-testid="frame-number">
        Frame <strong>{frame}</strong> of {last}
      </span>
    </div>
  )
}
