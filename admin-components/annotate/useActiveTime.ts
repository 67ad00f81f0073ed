'use client'
// The active time on the task in hand (src/domain/analytics/activeTime.ts): inputs anywhere on the page keep
// the clock running; a hidden page pauses it. `restart()` on each new task; `read()` when acting.
import { useCallback, useEffect, useMemo, useRef } from 'react'

import { activeAt, type ActiveClock, onInput, pause, startClock } from '../../src/domain/analytics/activeTime.ts'

const INPUTS = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const

export function useActiveTime(): { restart: () => void; read: () => number } {
  const clock = useRef<ActiveClock>(startClock(Date.now()))

  useEffect(() => {
    const input = () => {
      clock.current = onInput(clock.current, Date.now())
    }
    const visibility = () => {
      clock.current = document.hidden ? pause(clock.current, Date.now()) : onInput(clock.current, Date.now())
    }
    for (const name of INPUTS) window.addEventListener(name, input, { passive: true, capture: true })
    document.addEventListener('visibilitychange', visibility)
    return () => {
      for (const name of INPUTS) window.removeEventListener(name, input, { capture: true })
      document.removeEventListener('visibilitychange', visibility)
    }
  }, [])

  const restart = useCallback(() => {
    clock.current = startClock(Date.now())
  }, [])
  const read = useCallback(() => Math.round(activeAt(clock.current, Date.now())), [])
  return useMemo(() => ({ restart, read }), [restart, read])
}
