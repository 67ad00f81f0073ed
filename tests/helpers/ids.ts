import { demoIdType } from '../../demo/idType.ts'

/** An id of the run's id type (LABELOPS_TEST_ID_TYPE) that no document has. */
export const MISSING_ID: number | string = demoIdType() === 'uuid' ? '00000000-0000-4000-8000-000000000000' : 2_000_000_000

/** Orders ids as the database does: serial ids by value, uuids by their text. */
export const byId = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0)

/** How the argument guard words the rule an id breaks, for the run's id type. */
export const ID_RULE = demoIdType() === 'uuid' ? 'must be a uuid' : 'must be a whole-number id'
