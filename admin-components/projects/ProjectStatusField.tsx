'use client'
// A project's status offering only the moves the server allows from the saved status (STATUS_TRANSITIONS, the
// same table enforceProjectRules checks); a new project starts from Not started. Who may make a move is still
// the server's to say (a refusal names the rule).
import { SelectField, useField } from '@payloadcms/ui'
import type { SelectFieldClientComponent } from 'payload'

import { allowedStatusOptions } from '../../src/domain/projects/status.ts'

export const ProjectStatusField: SelectFieldClientComponent = (props) => {
  const { initialValue } = useField<string>({ path: props.path })
  const allowed = new Set<string>(allowedStatusOptions(initialValue))
  const options = props.field.options.filter((option) => allowed.has(typeof option === 'string' ? option : option.value))
  return <SelectField {...props} field={{ ...props.field, options }} />
}
