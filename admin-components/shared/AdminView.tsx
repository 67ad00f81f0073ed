// The frame every LabelOps root view renders in (README "Admin views"): the admin's own DefaultTemplate (nav,
// header, permissions), a signed-in check that sends strangers to the login page, and a clear refusal for
// people without the rights. Server-only: import it from RSCs, never from a 'use client' file.
import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter, SetStepNav } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import { APIError, type AdminViewServerProps, type PayloadRequest, type TypedUser } from 'payload'
import { formatAdminURL } from 'payload/shared'
import type { ReactNode } from 'react'

import './labelops.css'

export type ViewRequest = PayloadRequest & { user: TypedUser }

/**
 * The request of a signed-in person, or a redirect to the login page that comes back here afterwards.
 * Custom views are public in Payload: every view calls this before it loads anything (document tabs too:
 * they get the same `initPageResult` and `params`).
 */
export function requireViewUser(props: Pick<AdminViewServerProps, 'initPageResult' | 'params'>): ViewRequest {
  const { req } = props.initPageResult
  if (req.user) return req as ViewRequest
  const { routes, admin } = req.payload.config
  const segments = props.params?.segments
  const here = formatAdminURL({ adminRoute: routes.admin, path: `/${Array.isArray(segments) ? segments.join('/') : ''}` })
  redirect(`${formatAdminURL({ adminRoute: routes.admin, path: admin.routes.login })}?redirect=${encodeURIComponent(here)}`)
}

/** A refusal the person can act on, from an operation's typed error (403, 404, 423...); other errors rethrow. */
export function viewProblem(error: unknown): { status: number; message: string } {
  if (error instanceof APIError && error.status >= 400 && error.status < 500) return { status: error.status, message: error.message }
  throw error
}

const REFUSAL_TITLES: Record<number, string> = {
  401: 'Sign in to continue',
  403: 'You do not have access to this',
  404: 'Not found',
  409: 'This changed in the meantime',
  423: 'This project is not open for work',
}

/** The message a person without the rights sees instead of the view. */
export function ViewRefusal({ status, message }: { status: number; message: string }) {
  return (
    <div className="labelops-refusal" role="alert">
      <h2>{REFUSAL_TITLES[status] ?? 'This cannot be shown'}</h2>
      <p>{message}</p>
    </div>
  )
}

/** DefaultTemplate + Gutter + the page title: the layout of every LabelOps root view. */
export function AdminViewShell({
  props,
  title,
  description,
  breadcrumbs,
  children,
}: {
  props: AdminViewServerProps
  title: string
  description?: ReactNode
  /** the header's breadcrumbs after the logo @default [{ label: title }] */
  breadcrumbs?: Array<{ label: string; url?: string }>
  children: ReactNode
}) {
  const { initPageResult, params, searchParams } = props
  const { req } = initPageResult
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={initPageResult.locale}
      params={params}
      payload={req.payload}
      permissions={initPageResult.permissions}
      req={req}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={initPageResult.visibleEntities}
    >
      <SetStepNav nav={breadcrumbs ?? [{ label: title }]} />
      <Gutter className="labelops-view">
        <header className="labelops-view__header">
          <h1>{title}</h1>
          {description ? <p className="labelops-view__description">{description}</p> : null}
        </header>
        {children}
      </Gutter>
    </DefaultTemplate>
  )
}
