'use client'
// "Set up a project in steps" above the projects list (admin.components.beforeListTable of projects), for those
// who may create projects.
import { Button, useConfig } from '@payloadcms/ui'
import type { BeforeListTableClientProps } from 'payload'

import { adminHref } from '../../src/admin/views.ts'

export function NewProjectLink({ hasCreatePermission }: Partial<BeforeListTableClientProps>) {
  const { config } = useConfig()
  // for those who may create projects somewhere (the view itself offers only those workspaces)
  if (!hasCreatePermission) return null
  return (
    <div className="labelops-new-project">
      <Button buttonStyle="primary" size="small" margin={false} el="link" url={adminHref(config.routes.admin, 'newProject')}>
        Set up a project in steps
      </Button>
    </div>
  )
}
