// Stable React keys for a list the ontology editor edits (nextItemKeys says how they follow the items).
import { useRef } from 'react'

import { nextItemKeys } from '../../src/domain/ontology/editing.ts'

export function useItemKeys<T extends { id?: string }>(items: readonly T[]): string[] {
  const counter = useRef(0)
  const state = useRef<{ items: readonly T[]; keys: string[] }>({ items: [], keys: [] })
  if (state.current.items !== items) {
    state.current = { items, keys: nextItemKeys(state.current.items, state.current.keys, items, () => `new:${++counter.current}`) }
  }
  return state.current.keys
}
