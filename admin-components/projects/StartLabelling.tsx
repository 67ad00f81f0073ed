'use client'
// "Start labelling" on a saved project's document (admin.components.edit.beforeDocumentControls of projects): into
// the workspace, which serves the next task — to annotate or to review — or says why there is none.
import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'

import { adminHref } from '../../src/admin/views.ts'

export function StartLabelling() {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  if (id === undefined || id === null) return null // a project not saved yet has no tasks
  return (
    <Button
      el="link"
      url={adminHref(config.routes.admin, 'annotate', { projectId: id })}
      buttonStyle="secondary"
      size="medium"
      margin={false}
      extraButtonProps={{ 'data-action': 'start-labelling' }}
    >
      Start labelling
    </Button>
  )
}
