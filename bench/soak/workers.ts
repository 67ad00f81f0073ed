import { randomUUID } from 'node:crypto'

import type { SentAction } from './ledger.ts'
import type { ServerPool } from './servers.ts'

type Id = number | string
export type Person = { id: Id; token: string }
/** What a 2xx answer carries that the workers read */
type Body = { task?: { id: Id; version: number }; changed?: number } | null
type Answer = { status: number; body: Body } | { cut: true; error: string }

/** What the workers saw: acknowledged and cut actions, answers by status, a few 5xx bodies. */
export class Tally {
  readonly acknowledged: SentAction[] = []
  readonly cut: SentAction[] = []
  readonly statuses = new Map<number, number>()
  readonly serverErrorSamples: string[] = []
  cutRequests = 0
  done = 0

  count(status: number, body: unknown) {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1)
    if (status >= 500 && this.serverErrorSamples.length < 10)
      this.serverErrorSamples.push(`${status} ${JSON.stringify(body).slice(0, 300)}`)
  }

  get serverErrors(): number {
    return [...this.statuses].reduce((sum, [status, count]) => sum + (status >= 500 ? count : 0), 0)
  }
}

export type SoakWorld = { project: Id; taskIds: Id[]; annotators: Person[]; reviewers: Person[]; managers: Person[] }

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const KEY_PREFIX = 'soak-'
export const SOAK_KEY_PREFIX = KEY_PREFIX

/**
 * The simulated workforce: annotators claim, label and submit; reviewers claim and approve (or reject one in
 * five with a note); managers move and re-prioritise a few tasks in bulk now and then. Each request goes to a
 * random live server among the first `slots()`; a request whose connection dies is "cut" (no answer) and the
 * worker goes on — its next claim gives back whatever it still holds. Submits and reviews carry an
 * Idempotency-Key, so the ledger can tell later whether each one committed.
 */
export function runWorkforce(world: SoakWorld, pool: ServerPool, slots: () => number, tally: Tally, until: () => boolean) {
  const send = async (person: Person, method: string, path: string, body?: unknown, key?: string): Promise<Answer> => {
    const server = pool.pick(slots())
    if (!server) {
      await sleep(100)
      return { cut: true, error: 'no live server' }
    }
    try {
      const res = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: {
          Authorization: `JWT ${person.token}`,
          'Content-Type': 'application/json',
          ...(key ? { 'Idempotency-Key': key } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(60_000),
      })
      const text = await res.text()
      const parsed = text ? JSON.parse(text) : null
      tally.count(res.status, parsed)
      return { status: res.status, body: parsed }
    } catch (error) {
      tally.cutRequests++
      return { cut: true, error: String(error) }
    }
  }
  const ok = (answer: Answer): answer is { status: number; body: Body } => !('cut' in answer) && answer.status < 300

  const claim = async (person: Person) => {
    const answer = await send(person, 'POST', `/api/projects/${world.project}/next`, {})
    if ('cut' in answer) return null
    if (answer.status === 204 || !answer.body?.task) return null
    if (!ok(answer) || !answer.body?.task) return null
    tally.acknowledged.push({ kind: 'claim', user: person.id, task: answer.body.task.id })
    return answer.body.task
  }

  const keyed = async (person: Person, kind: 'submit' | 'review', task: { id: Id }, path: string, body: unknown) => {
    const key = `${KEY_PREFIX}${randomUUID()}`
    const answer = await send(person, 'POST', path, body, key)
    const action: SentAction = { kind, user: person.id, task: task.id, key }
    if ('cut' in answer) tally.cut.push(action)
    else if (ok(answer)) {
      tally.acknowledged.push(action)
      tally.done++
    }
  }

  const annotate = async (person: Person) => {
    while (!until()) {
      const task = await claim(person)
      if (!task) {
        await sleep(250)
        continue
      }
      const x = Math.round(Math.random() * 50) / 100
      const label = await send(person, 'PUT', `/api/tasks/${task.id}/label`, {
        objects: [{ id: 'o1', featureId: 'car', geometry: { x, y: 0.2, w: 0.3, h: 0.3 } }],
      })
      if (!ok(label)) continue
      await keyed(person, 'submit', task, `/api/tasks/${task.id}/submit`, { expectedVersion: task.version })
    }
  }

  const review = async (person: Person) => {
    while (!until()) {
      const task = await claim(person)
      if (!task) {
        await sleep(250)
        continue
      }
      const reject = Math.random() < 0.2
      await keyed(person, 'review', task, `/api/tasks/${task.id}/review`, {
        expectedVersion: task.version,
        all: 'approve',
        ...(reject ? { decisions: [{ target: 'object', id: 'o1', verdict: 'reject', note: 'Box too loose' }] } : {}),
      })
    }
  }

  const manage = async (person: Person) => {
    while (!until()) {
      await sleep(1000 + Math.random() * 2000)
      const ids = Array.from({ length: 5 }, () => world.taskIds[Math.floor(Math.random() * world.taskIds.length)]!)
      const operation = Math.random() < 0.5 ? 'move' : 'set-priority'
      const body =
        operation === 'move'
          ? { project: world.project, ids: [...new Set(ids)], operation, to: 'review' }
          : { project: world.project, ids: [...new Set(ids)], operation, priority: Math.floor(Math.random() * 100) }
      const answer = await send(person, 'POST', '/api/tasks/bulk', body)
      if (ok(answer)) tally.acknowledged.push({ kind: 'bulk', user: person.id, operation, changed: Number(answer.body?.changed ?? 0) })
    }
  }

  return Promise.all([...world.annotators.map(annotate), ...world.reviewers.map(review), ...world.managers.map(manage)])
}
