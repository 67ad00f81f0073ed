// The server half of a workspace role select: who the signed-in person is in each workspace (and whether they are a
// super-admin, which only the server can tell), handed to the client select that narrows the roles it offers.
import type { SelectFieldServerComponent } from 'payload'

import { loadActor } from '../../src/access/actor.ts'
import { WorkspaceRoleField } from './WorkspaceRoleField.tsx'

export const WorkspaceRoleFieldServer: SelectFieldServerComponent = async ({
  req,
  clientField,
  path,
  permissions,
  readOnly,
  schemaPath,
}) => {
  const actor = await loadActor(req)
  const roles = Object.fromEntries((actor?.memberships ?? []).map((membership) => [String(membership.workspace), membership.role]))
  return (
    <WorkspaceRoleField
      field={clientField}
      path={path}
      permissions={permissions}
      readOnly={readOnly}
      schemaPath={schemaPath}
      {...({ actor: { superAdmin: Boolean(actor?.superAdmin), roles } } as object)}
    />
  )
}
