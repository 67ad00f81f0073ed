import { describe, expect, it } from 'vitest'

import {
  ASSUMED_FPS,
  clampFrame,
  frameAtTime,
  frameCount,
  frameForKey,
  frameTime,
  isOnFrame,
  nextLabelledFrame,
} from '../../src/domain/labels/videoFrames.ts'

describe('video frames', () => {
  it('counts frames from the item, else from the duration at the assumed rate', () => {
    expect(frameCount(48, 2)).toBe(48)
    expect(frameCount(null, 2)).toBe(2 * ASSUMED_FPS)
    expect(frameCount(0, 0.02)).toBe(1)
    // a recording without a duration (MediaRecorder webm says Infinity) is not counted until it is known
    expect(frameCount(null, Number.POSITIVE_INFINITY)).toBeNull()
    expect(frameCount(undefined, Number.NaN)).toBeNull()
  })

  it('keeps a frame inside the video', () => {
    expect(clampFrame(-3, 48)).toBe(0)
    expect(clampFrame(60, 48)).toBe(47)
    expect(clampFrame(12.4, 48)).toBe(12)
    expect(clampFrame(Number.NaN, 48)).toBe(0)
    expect(clampFrame(9_000, null)).toBe(9_000)
  })

  it('seeks to the middle of a frame, and reads the frame back from that time', () => {
    expect(frameTime(0, 48, 2)).toBeCloseTo(1 / 48)
    expect(frameTime(47, 48, 2)).toBeCloseTo(2 - 1 / 48)
    for (const frame of [0, 1, 23, 40, 47]) expect(frameAtTime(frameTime(frame, 48, 2), 48, 2)).toBe(frame)
    // past the end is the last frame, not a frame that does not exist
    expect(frameAtTime(2, 48, 2)).toBe(47)
    expect(frameTime(99, 48, 2)).toBeCloseTo(frameTime(47, 48, 2))
  })

  it('draws an object on its own frame, and one without a frame on every frame', () => {
    expect(isOnFrame({ frame: 3 }, 3)).toBe(true)
    expect(isOnFrame({ frame: 3 }, 4)).toBe(false)
    expect(isOnFrame({}, 4)).toBe(true)
  })

  it('jumps between marked frames', () => {
    const frames = [3, 12]
    expect(nextLabelledFrame(frames, 0, 1)).toBe(3)
    expect(nextLabelledFrame(frames, 3, 1)).toBe(12)
    expect(nextLabelledFrame(frames, 12, 1)).toBeUndefined()
    expect(nextLabelledFrame(frames, 12, -1)).toBe(3)
    expect(nextLabelledFrame(frames, 3, -1)).toBeUndefined()
  })

  it('steps frames with , and . (ten with Shift), Home and End', () => {
    expect(frameForKey('.', false, 5, 48)).toBe(6)
    expect(frameForKey(',', false, 5, 48)).toBe(4)
    expect(frameForKey('>', true, 5, 48)).toBe(15)
    expect(frameForKey('<', true, 5, 48)).toBe(0)
    expect(frameForKey('.', false, 47, 48)).toBe(47)
    expect(frameForKey('Home', false, 30, 48)).toBe(0)
    expect(frameForKey('End', false, 3, 48)).toBe(47)
    expect(frameForKey('End', false, 3, null)).toBeUndefined()
    expect(frameForKey('x', false, 3, 48)).toBeUndefined()
  })
})
