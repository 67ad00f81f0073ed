'use client'
// Keeps keyboard focus inside an element while `active` (a full-screen editor): Tab and Shift+Tab cycle within
// it and Escape leaves through `onLeave`. focus-trap does the work. Where focus goes afterwards is the caller's:
// what had it may have been re-mounted meanwhile.
import { createFocusTrap } from 'focus-trap'
import { type RefObject, useEffect, useRef } from 'react'

export function useFocusTrap(ref: RefObject<HTMLElement | null>, active: boolean, onLeave: () => void) {
  const leave = useRef(onLeave)
  leave.current = onLeave
  useEffect(() => {
    const element = ref.current
    if (!active || !element) return
    const trap = createFocusTrap(element, {
      // an Escape a menu inside used (a people picker closing) is not also a request to leave
      escapeDeactivates: (event) => !event.defaultPrevented,
      // the page behind is covered; a click that lands outside (a toast, a dev overlay) is let through, not fatal
      allowOutsideClick: true,
      returnFocusOnDeactivate: false,
      fallbackFocus: element,
      onDeactivate: () => leave.current(),
    })
    trap.activate()
    return () => void trap.deactivate()
  }, [active, ref])
}
