/**
 * Video items are labelled frame by frame: an object drawn on a video carries the frame it is on (`frame`,
 * 0-based, as the label schema stores it). These rules map frames to times in the video and back, and say
 * which objects are on the frame being shown. Pure.
 */
import type { LabelObject } from './editing.ts'

/** The frame rate assumed when an item does not say how many frames it has (its `frames` field is empty). */
export const ASSUMED_FPS = 25

/** How many frames the video has: the item's own count, else its duration at ASSUMED_FPS; null while unknown. */
export function frameCount(frames: number | null | undefined, duration: number | null | undefined): number | null {
  if (typeof frames === 'number' && Number.isInteger(frames) && frames > 0) return frames
  if (typeof duration === 'number' && Number.isFinite(duration) && duration > 0) return Math.max(1, Math.round(duration * ASSUMED_FPS))
  return null
}

/** A frame number kept inside the video (0 … count − 1). */
export function clampFrame(frame: number, count: number | null): number {
  const last = count == null ? Number.MAX_SAFE_INTEGER : Math.max(0, count - 1)
  return Math.min(last, Math.max(0, Math.round(Number.isFinite(frame) ? frame : 0)))
}

/**
 * The time to seek to for a frame: the middle of the frame's span, so rounding in the decoder cannot land on
 * its neighbour.
 */
export function frameTime(frame: number, count: number, duration: number): number {
  const span = duration / count
  return Math.min(duration, Math.max(0, (clampFrame(frame, count) + 0.5) * span))
}

/** The frame shown at a time of the video. */
export function frameAtTime(time: number, count: number, duration: number): number {
  return clampFrame(Math.floor((time / duration) * count), count)
}

/** Whether an object is drawn on this frame: its own frame, or any frame when it has none (it holds for the whole video). */
export function isOnFrame(object: Pick<LabelObject, 'frame'>, frame: number): boolean {
  return object.frame === undefined || object.frame === frame
}

/**
 * The frame a key moves to: `,` and `.` step one frame back and forward, with Shift ten; Home and End go to
 * the first and the last frame. Undefined: the key does not move.
 */
export function frameForKey(key: string, shift: boolean, frame: number, count: number | null): number | undefined {
  const step = shift ? 10 : 1
  if (key === ',' || key === '<') return clampFrame(frame - step, count)
  if (key === '.' || key === '>') return clampFrame(frame + step, count)
  if (key === 'Home') return 0
  if (key === 'End' && count != null) return count - 1
  return undefined
}

/** The next marked frame (objects or issues on it) after, or before, this one, if any. */
export function nextLabelledFrame(frames: readonly number[], frame: number, direction: 1 | -1): number | undefined {
  return direction === 1 ? frames.find((candidate) => candidate > frame) : [...frames].reverse().find((candidate) => candidate < frame)
}
