// `node --import tsx scripts/payload-cli.ts <command>`: Payload's CLI (migrate, generate:importmap, …) with the
// config imported before Payload's bin. Payload's own bin.js imports the config while its own modules are still
// evaluating; on Node 20 that import sometimes never settles, and the process exits 0 having done nothing
// (measured: 0 of 6 `generate:importmap` runs did anything here, 8 of 8 with the config loaded first).
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const configPath = path.resolve(process.env.PAYLOAD_CONFIG_PATH ?? 'payload.config.ts')
process.env.PAYLOAD_CONFIG_PATH = configPath
await import(pathToFileURL(configPath).href)
const { bin } = (await import(new URL('./bin/index.js', import.meta.resolve('payload')).href)) as { bin: () => Promise<void> }
await bin()
