import type { Payload } from 'payload'

import { backdateJournal } from './backdate.ts'
import { type Catalogue, seedCatalogue } from './catalogue.ts'
import { doDemoWork } from './work.ts'

export type SeedResult = Catalogue & { worked: string[]; events: number }

/**
 * The demo: the catalogue (found or made), the work done in each project made by this run, and its journal
 * spread over the last 30 days. A second run finds everything and changes nothing.
 */
export async function seedDemo(payload: Payload): Promise<SeedResult> {
  const catalogue = await seedCatalogue(payload)
  const worked = await doDemoWork(payload, catalogue)
  const events = await backdateJournal(
    payload,
    worked.map((project) => project.id),
  )
  return { ...catalogue, worked: worked.map((project) => project.name), events }
}
