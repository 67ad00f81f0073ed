import type { PayloadRequest } from 'payload'
import { describe, expect, it, vi } from 'vitest'

import { gatherUntilCommit } from '../../src/db/afterCommit.ts'

/** A request in an open transaction of a stand-in adapter: `commit()` is Payload's commitTransaction, in short. */
function requestInTransaction() {
  const order: string[] = []
  const session = { db: {}, resolve: async () => order.push('COMMIT') }
  const error = vi.fn()
  const req = {
    transactionID: 'tx1',
    payload: { db: { sessions: { tx1: session } }, logger: { error } },
  } as unknown as PayloadRequest
  return { req, order, error, commit: () => session.resolve() }
}

describe('gathering for after the commit', () => {
  it('shares one state per key in a transaction and flushes each after the COMMIT, in first-use order', async () => {
    const { req, order, commit } = requestInTransaction()
    const A = Symbol('a')
    const B = Symbol('b')
    const first = await gatherUntilCommit(
      req,
      A,
      () => [] as string[],
      async (all) => void order.push(`a:${all.join(',')}`),
    )
    first!.push('1')
    const counted = await gatherUntilCommit(
      req,
      B,
      () => ({ n: 0 }),
      async (state) => void order.push(`b:${state.n}`),
    )
    counted!.n += 2
    const again = await gatherUntilCommit(
      req,
      A,
      () => ['never'],
      async () => void order.push('a second flush'),
    )
    expect(again).toBe(first)
    again!.push('2')
    expect(order).toEqual([])
    await commit()
    expect(order).toEqual(['COMMIT', 'a:1,2', 'b:2'])
  })

  it('runs the other flushes when one throws, and logs it', async () => {
    const { req, order, error, commit } = requestInTransaction()
    await gatherUntilCommit(
      req,
      Symbol('breaking'),
      () => null,
      async () => {
        throw new Error('listener down')
      },
    )
    await gatherUntilCommit(
      req,
      Symbol('after it'),
      () => null,
      async () => void order.push('ran'),
    )
    await commit()
    expect(order).toEqual(['COMMIT', 'ran'])
    expect(error).toHaveBeenCalledOnce()
    expect(String(error.mock.calls[0]![0].msg)).toContain('breaking')
  })

  it('flushes nothing while the transaction is open or when it is never committed, and answers undefined outside one', async () => {
    const { req, order } = requestInTransaction()
    await gatherUntilCommit(
      req,
      Symbol('rolled back'),
      () => null,
      async () => void order.push('flushed'),
    )
    expect(order).toEqual([])
    const outside = { ...req, transactionID: undefined } as unknown as PayloadRequest
    expect(
      await gatherUntilCommit(
        outside,
        Symbol('x'),
        () => 1,
        async () => undefined,
      ),
    ).toBeUndefined()
  })
})
