import type { ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'

import { startServer } from '../lib.ts'

/** One LabelOps server process (tests/helpers/serveChild.ts) on the soak's database. */
export type Server = { slot: number; child: ChildProcess; baseUrl: string; startedAt: number }

const MB = 1024

/** Resident memory of a process in MB, from /proc (null once it is gone). */
export function rssMb(pid: number | undefined): number | null {
  if (!pid) return null
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return line ? Number(line[1]) / MB : null
  } catch {
    return null
  }
}

/** Where each server process's log goes (Payload logs to stdout): one file per process, kept after the run. */
export const SERVER_LOGS = path.join('.data', 'soak-logs')

async function spawnServer(uri: string, slot: number): Promise<Server> {
  const { child, baseUrl } = await startServer(uri, { log: path.join(SERVER_LOGS, `server-${slot}-${Date.now()}.log`) })
  return { slot, child, baseUrl, startedAt: Date.now() }
}

/**
 * The soak's server processes, one per slot. `live(n)` is what the simulated workers send to: the first n
 * slots whose process is up. `kill` is `kill -9`: no shutdown hook, connections cut mid-request.
 */
export class ServerPool {
  private readonly servers = new Map<number, Server>()
  readonly kills: Array<{ slot: number; pid: number; at: number }> = []

  constructor(private readonly uri: string) {}

  /** Starts slot's process (startServer tries again a start-up that stops on Node's silent exit 13). */
  async start(slot: number): Promise<Server> {
    const server = await spawnServer(this.uri, slot)
    this.servers.set(slot, server)
    return server
  }

  live(slots: number): Server[] {
    return [...this.servers.values()].filter((server) => server.slot < slots && server.child.exitCode === null && !server.child.killed)
  }

  pick(slots: number): Server | undefined {
    const live = this.live(slots)
    return live[Math.floor(Math.random() * live.length)]
  }

  /** kill -9 of one live process among the first `slots`, then its restart; resolves once it listens again. */
  async killOneAndRestart(slots: number): Promise<void> {
    const victim = this.pick(slots)
    if (!victim) return
    this.kills.push({ slot: victim.slot, pid: victim.child.pid!, at: Date.now() })
    victim.child.kill('SIGKILL')
    await new Promise((resolve) => victim.child.once('exit', resolve))
    await this.start(victim.slot)
  }

  all(): Server[] {
    return [...this.servers.values()]
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      this.all().map(async ({ child }) => {
        if (child.exitCode !== null) return
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }),
    )
  }
}
