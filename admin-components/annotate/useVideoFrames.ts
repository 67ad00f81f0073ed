'use client'
// The frame of a video item being shown, shared by the annotator's and the reviewer's workspaces: which frame,
// how many there are (the item's count, else read from the video once it loads), the time to seek to, and the
// keys that step frames. Null for items that are not videos.
import { useCallback, useEffect, useMemo, useState } from 'react'

import { clampFrame, frameCount, frameForKey, frameTime } from '../../src/domain/labels/videoFrames.ts'
import { isTyping } from './keys.ts'
import type { DataItem } from './types.ts'

export type VideoFrames = {
  frame: number
  /** null until the video says how long it is (when the item has no frame count) */
  count: number | null
  /** where the video is sought to for this frame; null until its duration is known */
  time: number | null
  setFrame: (frame: number) => void
  /** the video's duration, as the player read it */
  onDuration: (seconds: number) => void
}

export function useVideoFrames(item: DataItem | null | undefined, { keys = true }: { keys?: boolean } = {}): VideoFrames | null {
  const isVideo = item?.type === 'video'
  const [frame, setFrameState] = useState(0)
  const [duration, setDuration] = useState<number | null>(null)
  const count = frameCount(item?.frames, duration)

  // a new item starts at its first frame
  useEffect(() => {
    setFrameState(0)
    setDuration(null)
  }, [item?.id])

  const setFrame = useCallback((next: number) => setFrameState(clampFrame(next, count)), [count])

  useEffect(() => {
    if (!isVideo || !keys) return
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
      const next = frameForKey(event.key, event.shiftKey, frame, count)
      if (next === undefined) return
      event.preventDefault()
      setFrameState(next)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [isVideo, keys, frame, count])

  return useMemo(() => {
    if (!isVideo) return null
    const time = count != null && duration != null && Number.isFinite(duration) ? frameTime(frame, count, duration) : null
    return { frame, count, time, setFrame, onDuration: setDuration }
  }, [isVideo, frame, count, duration, setFrame])
}
