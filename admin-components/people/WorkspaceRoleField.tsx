'use client'
// A workspace role select (a membership's or an invitation's) offering only what the signed-in person may give there
// (`offeredRoles`, from the rule the server checks), with the reason when the choice is narrowed. Who the person is
// in each workspace comes from the server (WorkspaceRoleFieldServer); outside the form's workspace every role shows
// and the server explains a refusal.
import { FieldDescription, SelectField, useAuth, useDocumentInfo, useField, useFormFields } from '@payloadcms/ui'
import type { SelectFieldClientComponent } from 'payload'
import { useEffect } from 'react'

import { offeredRoles } from '../../src/domain/people/memberships.ts'
import type { WorkspaceRole } from '../../src/roles.ts'

const idOf = (value: unknown) => (value && typeof value === 'object' ? (value as { id?: unknown }).id : value)

export type RoleFieldActor = { superAdmin: boolean; roles: Record<string, WorkspaceRole> }

export const WorkspaceRoleField: SelectFieldClientComponent = (props) => {
  const { actor } = props as unknown as { actor?: RoleFieldActor }
  const { user } = useAuth()
  const { id } = useDocumentInfo()
  const { initialValue, value, setValue } = useField<string>({ path: props.path })
  const workspace = idOf(useFormFields(([fields]) => fields.workspace?.value))
  const target = idOf(useFormFields(([fields]) => fields.user?.value))
  const actorRole = actor?.superAdmin ? 'super-admin' : workspace == null ? undefined : actor?.roles[String(workspace)]

  const from = id != null && typeof initialValue === 'string' ? (initialValue as WorkspaceRole) : undefined
  const offered = actorRole
    ? // someone outside the workspace is told by the server; inside it, only what they may give is offered
      offeredRoles({ actorRole, actorIsTarget: target != null && user != null && String(target) === String(user.id), from })
    : null
  // a new invitation or membership starts on a role the person may give (a Workforce Manager's: Tasker)
  const firstOffered = offered?.roles[0]
  const outside = offered !== null && id == null && !offered.roles.includes(value as WorkspaceRole)
  useEffect(() => {
    if (outside && firstOffered) setValue(firstOffered)
  }, [outside, firstOffered, setValue])
  const options = offered
    ? props.field.options.filter((option) => offered.roles.includes((typeof option === 'string' ? option : option.value) as WorkspaceRole))
    : props.field.options
  return (
    <>
      <SelectField {...props} field={{ ...props.field, options }} />
      {offered?.why ? <FieldDescription description={offered.why} path={props.path} /> : null}
    </>
  )
}
