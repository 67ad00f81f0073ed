import type { Payload } from 'payload'

import type { SanitizedLabelOpsOptions } from './options.ts'

/** The sanitized options, stored on the config by the plugin so operations and access can reach them. */
export function getOptions(payload: Payload): SanitizedLabelOpsOptions {
  const options = (payload.config.custom as { labelOps?: { options: SanitizedLabelOpsOptions } } | undefined)?.labelOps?.options
  if (!options) throw new Error('LabelOps is not configured: add labelOpsPlugin() to the Payload config')
  return options
}
