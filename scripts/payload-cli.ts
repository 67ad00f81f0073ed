// `node --import tsx scripts/payload-cli.ts <command>`: Payload's CLI (migrate, generate:importmap, …) with the
// config imported before Payload's bin. Payload's own bin.js imports the config while its own modules are still
// evaluating; on Node 20 that import sometimes never settles, and the process exits 0 having done nothing
// (measured: 0 of 6 `generate:importmap` runs did anything here, 8 of 8 with the config loaded first).
// Even loaded first, the config's import (under tsx's loader) now and then never settles: 6 of 144 `migrate`
// runs of the host check's app ended so, silently, with Node's exit 13 — and with a timer keeping the process
// alive they hang instead, so the import is stuck, not cut short. Such a run has done nothing: it says where it
// stopped and exits 75 (NOTHING_DONE_TRY_AGAIN), which callers may simply run again.
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import { NOTHING_DONE_TRY_AGAIN, UNSETTLED_TOP_LEVEL_AWAIT } from './lib/nodeExitCodes.ts'

let commandStarted = false
let stage = 'loading the config'
// the 'exit' event sees code 0 there; process.exitCode already holds the 13 (and may still be changed)
process.on('exit', () => {
  if (process.exitCode !== UNSETTLED_TOP_LEVEL_AWAIT) return
  console.error(`payload-cli: stopped while ${stage}: a promise never settled (Node exit 13)`)
  if (!commandStarted) process.exitCode = NOTHING_DONE_TRY_AGAIN
})

const configPath = path.resolve(process.env.PAYLOAD_CONFIG_PATH ?? 'payload.config.ts')
process.env.PAYLOAD_CONFIG_PATH = configPath
await import(pathToFileURL(configPath).href)
stage = "loading Payload's bin"
const { bin } = (await import(new URL('./bin/index.js', import.meta.resolve('payload')).href)) as { bin: () => Promise<void> }
stage = `running "${process.argv.slice(2).join(' ')}"`
commandStarted = true
await bin()
