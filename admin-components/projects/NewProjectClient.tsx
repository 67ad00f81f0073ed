'use client'
// Project setup in steps: name and kind, datasets, ontology, workflow, collaborators, settings, then create (or
// create and start). Every step can be revisited; what blocks creation is named on its step, what the project
// will lack is said but does not block. The server decides on create; its refusal is shown as it says it.
import { Banner, Button, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useMemo, useState } from 'react'

import { PROJECT_KIND_LABELS } from '../../src/domain/projects/kinds.ts'
import { draftProblems, emptyDraft, type ProjectDraft, projectBody, SETUP_STEPS, stageLine } from '../../src/domain/projects/setup.ts'
import { PROJECT_ROLE_LABELS } from '../../src/roles.ts'
import { BasicsStep, DataStep, OntologyStep, PeopleStep, SettingsStep, WorkflowStep } from './SetupSteps.tsx'
import { type CatalogueSlugs, type Named, useWorkspaceCatalogue } from './useWorkspaceCatalogue.ts'
import './setup.css'

export type NewProjectClientProps = {
  workspaces: Named[]
  slugs: CatalogueSlugs & { projects: string }
}

type ServerError = { message?: string; data?: { errors?: Array<{ path?: string; message?: string }> } }

/** The messages of a refused request, field by field where the server names them. */
function refusalOf(body: { errors?: ServerError[] } | null, status: number): string[] {
  const messages = (body?.errors ?? []).flatMap((error) =>
    error.data?.errors?.length ? error.data.errors.map((one) => `${one.path ? `${one.path}: ` : ''}${one.message}`) : [error.message ?? ''],
  )
  return messages.filter(Boolean).length ? messages.filter(Boolean) : [`The server answered ${status}.`]
}

export function NewProjectClient({ workspaces, slugs }: NewProjectClientProps) {
  const { config } = useConfig()
  const router = useRouter()
  const [draft, setDraft] = useState<ProjectDraft>(() => emptyDraft(workspaces.length === 1 ? workspaces[0]!.id : null))
  const [step, setStep] = useState(0)
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<{ title: string; messages: string[] } | null>(null)
  const [createdAt, setCreatedAt] = useState<string | null>(null)
  const catalogue = useWorkspaceCatalogue(draft.workspace, slugs)
  const problems = useMemo(() => draftProblems(draft), [draft])
  const change = (patch: Partial<ProjectDraft>) => setDraft((now) => ({ ...now, ...patch }))
  const current = SETUP_STEPS[step]!
  const api = `${config.serverURL}${config.routes.api}/${slugs.projects}`
  const nameOf = (list: Named[], id: unknown) => list.find((one) => String(one.id) === String(id))?.name ?? `#${id}`

  const workflowSummary = (id: number | string) => {
    const template = catalogue.templates.find((one) => String(one.id) === String(id))
    const name = template?.name ?? `#${id}`
    const line = stageLine(template?.graph)
    return line && line !== name ? `${name}: ${line}` : name
  }

  // busy stays on once the project exists: the page is leaving, and a second click must not make a second project
  const create = async (start: boolean) => {
    setBusy(true)
    setRefusal(null)
    const send = (url: string, method: 'POST' | 'PATCH', body: unknown) =>
      fetch(url, { method, credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    try {
      const created = await send(api, 'POST', projectBody(draft))
      const body = await created.json().catch(() => null)
      if (!created.ok || !body?.doc) {
        setBusy(false)
        return setRefusal({ title: 'Not created.', messages: refusalOf(body, created.status) })
      }
      const id = String(body.doc.id)
      const page = `${config.routes.admin === '/' ? '' : config.routes.admin}/collections/${slugs.projects}/${encodeURIComponent(id)}`
      if (start) {
        const started = await send(`${api}/${encodeURIComponent(id)}`, 'PATCH', { status: 'in-progress' })
        if (!started.ok) {
          // created but not started: say so here, with the way to the project (it stays Not started)
          setCreatedAt(page)
          return setRefusal({
            title: 'Created, but not started.',
            messages: refusalOf(await started.json().catch(() => null), started.status),
          })
        }
      }
      router.push(page)
    } catch {
      setBusy(false)
      setRefusal({ title: 'Not created.', messages: ['The server cannot be reached. Try again.'] })
    }
  }

  const stepBody = () => {
    const props = { draft, change, catalogue }
    switch (current.key) {
      case 'basics':
        return <BasicsStep {...props} workspaces={workspaces} />
      case 'data':
        return <DataStep {...props} />
      case 'ontology':
        return <OntologyStep {...props} />
      case 'workflow':
        return <WorkflowStep {...props} />
      case 'people':
        return <PeopleStep {...props} />
      case 'settings':
        return <SettingsStep {...props} />
      default:
        return (
          <dl className="labelops-setup__summary">
            <dt>Workspace</dt>
            <dd>{draft.workspace === null ? '—' : nameOf(workspaces, draft.workspace)}</dd>
            <dt>Name</dt>
            <dd>{draft.name.trim() || '—'}</dd>
            <dt>Kind</dt>
            <dd>{PROJECT_KIND_LABELS[draft.kind]}</dd>
            <dt>Datasets</dt>
            <dd>{draft.datasets.map((id) => nameOf(catalogue.datasets, id)).join(', ') || '—'}</dd>
            <dt>Ontology</dt>
            <dd>{draft.ontology === null ? '—' : nameOf(catalogue.ontologies, draft.ontology)}</dd>
            <dt>Workflow</dt>
            <dd>{draft.workflowTemplate === null ? '—' : workflowSummary(draft.workflowTemplate)}</dd>
            <dt>Collaborators</dt>
            <dd>
              {draft.collaborators.length === 0
                ? 'You (Admin)'
                : draft.collaborators
                    .map(
                      (row) =>
                        `${nameOf(row.kind === 'user' ? catalogue.people : catalogue.groups, row.id)} (${PROJECT_ROLE_LABELS[row.role]})`,
                    )
                    .join(', ')}
            </dd>
            <dt>Settings</dt>
            <dd>
              Lease {draft.settings.leaseMinutes} min · {draft.settings.allowSelfReview ? 'self-review allowed' : 'no self-review'}
            </dd>
          </dl>
        )
    }
  }

  const blockingHere = problems.blocking[current.key] ?? []
  const notesHere = current.key === 'review' ? Object.values(problems.notes).flat() : (problems.notes[current.key] ?? [])
  const blockingAll = Object.entries(problems.blocking)
  const creatable = blockingAll.length === 0
  return (
    <div className="labelops-setup">
      <ol className="labelops-setup__steps" aria-label="Steps">
        {SETUP_STEPS.map((one, index) => (
          <li key={one.key} className={index === step ? 'is-current' : problems.blocking[one.key] ? 'has-problems' : ''}>
            <button type="button" onClick={() => setStep(index)} aria-current={index === step ? 'step' : undefined} data-step={one.key}>
              <span className="labelops-setup__number">{index + 1}</span> {one.title}
            </button>
          </li>
        ))}
      </ol>
      <section className="labelops-setup__body" aria-labelledby="labelops-setup-title">
        <h2 id="labelops-setup-title">{current.title}</h2>
        {stepBody()}
        {blockingHere.length ? (
          <ul className="labelops-setup__problems">
            {blockingHere.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
        {current.key === 'review' && blockingAll.length ? (
          <ul className="labelops-setup__problems">
            {blockingAll.flatMap(([key, messages]) =>
              (messages ?? []).map((message) => (
                <li key={`${key}-${message}`}>
                  {SETUP_STEPS.find((one) => one.key === key)?.title}: {message}
                </li>
              )),
            )}
          </ul>
        ) : null}
        {notesHere.length ? (
          <ul className="labelops-setup__notes">
            {notesHere.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        ) : null}
        {refusal ? (
          <Banner type="error">
            <strong>{refusal.title}</strong> {refusal.messages.join(' ')} {createdAt ? <a href={createdAt}>Open the project</a> : null}
          </Banner>
        ) : null}
        <div className="labelops-setup__actions">
          {step > 0 ? (
            <Button buttonStyle="secondary" margin={false} onClick={() => setStep(step - 1)}>
              Back
            </Button>
          ) : null}
          {current.key === 'review' ? (
            <>
              <Button buttonStyle="secondary" margin={false} disabled={busy || !creatable} onClick={() => void create(false)}>
                Create project
              </Button>
              <Button buttonStyle="primary" margin={false} disabled={busy || !creatable} onClick={() => void create(true)}>
                Create and start
              </Button>
            </>
          ) : (
            <Button buttonStyle="primary" margin={false} disabled={blockingHere.length > 0} onClick={() => setStep(step + 1)}>
              Next: {SETUP_STEPS[step + 1]!.title}
            </Button>
          )}
        </div>
      </section>
    </div>
  )
}
