'use client'
// The nav entry of LabelOps' own pages (admin.components.beforeNavLinks), drawn like Payload's collection links.
import { Link, useConfig } from '@payloadcms/ui'
import { usePathname } from 'next/navigation'

import { adminHref } from '../../src/admin/views.ts'

export function LabelOpsNavLinks() {
  const pathname = usePathname()
  const { config } = useConfig()
  const href = adminHref(config.routes.admin, 'home')
  const active = pathname === href
  const label = (
    <>
      {active ? <div className="nav__link-indicator" /> : null}
      <span className="nav__link-label">My work</span>
    </>
  )
  return (
    <div className="labelops-nav">
      {active ? (
        <div className="nav__link" id="nav-labelops-my-work">
          {label}
        </div>
      ) : (
        <Link className="nav__link" href={href} id="nav-labelops-my-work" prefetch={false}>
          {label}
        </Link>
      )}
    </div>
  )
}
