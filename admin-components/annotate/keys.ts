/** Where keys belong to a field, not to the workspace's shortcuts: text inputs, text areas, selects (radios, checkboxes and sliders do not count). */
export const TYPING = 'input:not([type=radio]):not([type=checkbox]):not([type=range]), textarea, select, [contenteditable="true"]'

export const isTyping = (target: EventTarget | null) => Boolean((target as HTMLElement | null)?.closest?.(TYPING))
