import type { Payload } from 'payload'
import { describe, expect, it } from 'vitest'

import { startPollingWorker } from '../../src/operations/pollingWorker.ts'

const fakePayload = () => {
  const errors: unknown[] = []
  return { payload: { logger: { error: (entry: unknown) => errors.push(entry) } } as unknown as Payload, errors }
}
const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 5))
}

describe('a polling worker', () => {
  it('polls again at once after a full batch, and after a failed pass (logged) at the next poll', async () => {
    const { payload, errors } = fakePayload()
    const answers: Array<number | Error> = [3, 3, new Error('the database went away'), 1]
    let passes = 0
    const worker = startPollingWorker(payload, {
      what: 'the test worker',
      pollMs: 5,
      batch: 3,
      pass: async () => {
        const answer = answers[passes++] ?? 0
        if (answer instanceof Error) throw answer
        return answer
      },
    })
    await until(() => passes >= 4)
    await worker.stop()
    expect(passes).toBeGreaterThanOrEqual(4)
    expect(errors).toHaveLength(1)
  })

  it('ends quietly with the database pool, whether the driver’s error is thrown as it is or wrapped in a cause', async () => {
    for (const error of [
      new Error('Cannot use a pool after calling end on the pool'),
      Object.assign(new Error('Failed query: select 1'), { cause: new Error('Cannot use a pool after calling end on the pool') }),
    ]) {
      const { payload, errors } = fakePayload()
      let passes = 0
      startPollingWorker(payload, {
        what: 'the test worker',
        pollMs: 5,
        batch: 3,
        pass: async () => {
          passes++
          throw error
        },
      })
      await until(() => passes >= 1)
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(passes).toBe(1)
      expect(errors).toEqual([])
    }
  })
})
