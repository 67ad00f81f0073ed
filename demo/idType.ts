/** The id type the demo host's adapter uses: LABELOPS_TEST_ID_TYPE (`serial`, the default, or `uuid`). */
export function demoIdType(): 'serial' | 'uuid' {
  const asked = process.env.LABELOPS_TEST_ID_TYPE || 'serial'
  if (asked !== 'serial' && asked !== 'uuid') throw new Error(`LABELOPS_TEST_ID_TYPE must be serial or uuid, not "${asked}"`)
  return asked
}
