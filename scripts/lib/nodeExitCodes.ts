/** Node ends a process whose event loop emptied under an unsettled top-level await with this code, silently. */
export const UNSETTLED_TOP_LEVEL_AWAIT = 13

/** sysexits' EX_TEMPFAIL: scripts/payload-cli.ts stopped before its command did anything; running it again is safe. */
export const NOTHING_DONE_TRY_AGAIN = 75
