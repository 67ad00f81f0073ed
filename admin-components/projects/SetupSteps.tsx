'use client'
// The bodies of the project setup steps: each edits one part of the draft and shows that part's problems.
import { PROJECT_KIND_LABELS, PROJECT_KINDS, type ProjectKind } from '../../src/domain/projects/kinds.ts'
import {
  LEASE_MINUTES,
  REWORK_ASSIGNMENT_LABELS,
  REWORK_ASSIGNMENTS,
  type ReworkAssignment,
  SKIP_POLICIES,
  SKIP_POLICY_LABELS,
  type SkipPolicy,
} from '../../src/domain/projects/settings.ts'
import { type CollaboratorDraft, type ProjectDraft, stageLine } from '../../src/domain/projects/setup.ts'
import { PROJECT_ROLE_LABELS, PROJECT_ROLES, type ProjectRole } from '../../src/roles.ts'
import type { Catalogue, Named } from './useWorkspaceCatalogue.ts'

type Id = number | string
type StepProps = { draft: ProjectDraft; change: (patch: Partial<ProjectDraft>) => void; catalogue: Catalogue }

const same = (a: Id | null, b: Id | null) => a !== null && b !== null && String(a) === String(b)

export function BasicsStep({ draft, change, workspaces }: StepProps & { workspaces: Named[] }) {
  return (
    <div className="labelops-setup__fields">
      <label className="labelops-setup__field">
        <span>Workspace</span>
        <select
          name="workspace"
          value={draft.workspace === null ? '' : String(draft.workspace)}
          onChange={(event) => {
            const chosen = workspaces.find((one) => String(one.id) === event.target.value)
            // what belongs to another workspace cannot come along
            change({ workspace: chosen?.id ?? null, datasets: [], ontology: null, workflowTemplate: null, collaborators: [] })
          }}
        >
          <option value="">Choose a workspace…</option>
          {workspaces.map((workspace) => (
            <option key={String(workspace.id)} value={String(workspace.id)}>
              {workspace.name}
            </option>
          ))}
        </select>
      </label>
      <label className="labelops-setup__field">
        <span>Project name</span>
        <input name="name" value={draft.name} maxLength={200} onChange={(event) => change({ name: event.target.value })} />
      </label>
      <fieldset className="labelops-setup__choices">
        <legend>Kind</legend>
        {PROJECT_KINDS.map((kind) => (
          <label key={kind} className="labelops-setup__choice">
            <input
              type="radio"
              name="kind"
              value={kind}
              checked={draft.kind === kind}
              onChange={() => change({ kind: kind as ProjectKind })}
            />
            <span>{PROJECT_KIND_LABELS[kind]}</span>
          </label>
        ))}
      </fieldset>
    </div>
  )
}

function Empty({ what, catalogue }: { what: string; catalogue: Catalogue }) {
  if (catalogue.error)
    return (
      <p className="labelops-setup__empty labelops-setup__empty--error">
        The {what} could not be read: {catalogue.error}
      </p>
    )
  return <p className="labelops-setup__empty">{catalogue.loading ? 'Loading…' : `This workspace has no ${what} you can use yet.`}</p>
}

export function DataStep({ draft, change, catalogue }: StepProps) {
  if (catalogue.datasets.length === 0) return <Empty what="datasets" catalogue={catalogue} />
  return (
    <fieldset className="labelops-setup__choices">
      <legend>Datasets whose items become this project’s tasks</legend>
      {catalogue.datasets.map((dataset) => {
        const checked = draft.datasets.some((id) => same(id, dataset.id))
        return (
          <label key={String(dataset.id)} className="labelops-setup__choice">
            <input
              type="checkbox"
              name="dataset"
              value={String(dataset.id)}
              checked={checked}
              onChange={() =>
                change({ datasets: checked ? draft.datasets.filter((id) => !same(id, dataset.id)) : [...draft.datasets, dataset.id] })
              }
            />
            <span>{dataset.name}</span>
          </label>
        )
      })}
    </fieldset>
  )
}

export function OntologyStep({ draft, change, catalogue }: StepProps) {
  if (catalogue.ontologies.length === 0) return <Empty what="ontologies" catalogue={catalogue} />
  return (
    <fieldset className="labelops-setup__choices">
      <legend>What annotators label: the objects and questions of one ontology</legend>
      {catalogue.ontologies.map((ontology) => (
        <label key={String(ontology.id)} className="labelops-setup__choice">
          <input
            type="radio"
            name="ontology"
            value={String(ontology.id)}
            checked={same(draft.ontology, ontology.id)}
            onChange={() => change({ ontology: ontology.id })}
          />
          <span>{ontology.name}</span>
        </label>
      ))}
    </fieldset>
  )
}

export function WorkflowStep({ draft, change, catalogue }: StepProps) {
  if (catalogue.templates.length === 0) return <Empty what="workflow templates" catalogue={catalogue} />
  return (
    <fieldset className="labelops-setup__choices labelops-setup__choices--cards">
      <legend>How each task moves from annotation to complete (the project gets its own copy)</legend>
      {catalogue.templates.map((template) => {
        const line = stageLine(template.graph)
        return (
          <label
            key={String(template.id)}
            className={`labelops-setup__card${same(draft.workflowTemplate, template.id) ? ' is-chosen' : ''}`}
          >
            <input
              type="radio"
              name="workflowTemplate"
              value={String(template.id)}
              checked={same(draft.workflowTemplate, template.id)}
              onChange={() => change({ workflowTemplate: template.id })}
            />
            <strong>
              {template.name}
              {template.builtIn ? <span className="labelops-setup__badge">Built in</span> : null}
            </strong>
            {line !== template.name ? <span className="labelops-setup__line">{line}</span> : null}
            {template.description ? <span>{template.description}</span> : null}
          </label>
        )
      })}
    </fieldset>
  )
}

export function PeopleStep({ draft, change, catalogue }: StepProps) {
  const rows = draft.collaborators
  const setRow = (index: number, row: CollaboratorDraft) => change({ collaborators: rows.map((one, i) => (i === index ? row : one)) })
  return (
    <div className="labelops-setup__fields">
      <p className="labelops-setup__hint">You are the project’s Admin. Add people or whole user groups, each with a project role.</p>
      {rows.map((row, index) => {
        const options = row.kind === 'user' ? catalogue.people : catalogue.groups
        return (
          <div key={index} className="labelops-setup__row" data-row={index}>
            <label className="labelops-setup__field">
              <span>Who</span>
              <select
                name={`kind-${index}`}
                value={row.kind}
                onChange={(event) => setRow(index, { ...row, kind: event.target.value as CollaboratorDraft['kind'], id: null })}
              >
                <option value="user">A person</option>
                <option value="group">A user group</option>
              </select>
            </label>
            <label className="labelops-setup__field">
              <span>{row.kind === 'user' ? 'Person' : 'Group'}</span>
              <select
                name={`who-${index}`}
                value={row.id === null ? '' : String(row.id)}
                onChange={(event) =>
                  setRow(index, { ...row, id: options.find((one) => String(one.id) === event.target.value)?.id ?? null })
                }
              >
                <option value="">Choose…</option>
                {options.map((option) => (
                  <option key={String(option.id)} value={String(option.id)}>
                    {option.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="labelops-setup__field">
              <span>Role</span>
              <select
                name={`role-${index}`}
                value={row.role}
                onChange={(event) => setRow(index, { ...row, role: event.target.value as ProjectRole })}
              >
                {PROJECT_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {PROJECT_ROLE_LABELS[role]}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              className="labelops-setup__remove"
              onClick={() => change({ collaborators: rows.filter((_, i) => i !== index) })}
            >
              Remove
            </button>
          </div>
        )
      })}
      <div className="labelops-setup__adds">
        <button
          type="button"
          onClick={() => change({ collaborators: [...rows, { kind: 'group', id: null, role: 'annotator' }] })}
          data-add="group"
        >
          + Add a group
        </button>
        <button
          type="button"
          onClick={() => change({ collaborators: [...rows, { kind: 'user', id: null, role: 'annotator' }] })}
          data-add="user"
        >
          + Add a person
        </button>
      </div>
    </div>
  )
}

export function SettingsStep({ draft, change }: StepProps) {
  const settings = draft.settings
  const set = (patch: Partial<ProjectDraft['settings']>) => change({ settings: { ...settings, ...patch } })
  return (
    <div className="labelops-setup__fields">
      <label className="labelops-setup__field">
        <span>Lease, in minutes: how long a claimed task stays with its worker</span>
        <input
          name="leaseMinutes"
          type="number"
          min={LEASE_MINUTES.min}
          max={LEASE_MINUTES.max}
          value={Number.isFinite(settings.leaseMinutes) ? settings.leaseMinutes : ''}
          onChange={(event) => set({ leaseMinutes: event.target.value === '' ? Number.NaN : Number(event.target.value) })}
        />
      </label>
      <label className="labelops-setup__field">
        <span>A skipped task</span>
        <select name="skipPolicy" value={settings.skipPolicy} onChange={(event) => set({ skipPolicy: event.target.value as SkipPolicy })}>
          {SKIP_POLICIES.map((value) => (
            <option key={value} value={value}>
              {SKIP_POLICY_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <label className="labelops-setup__field">
        <span>A rejected task goes</span>
        <select
          name="reworkAssignment"
          value={settings.reworkAssignment}
          onChange={(event) => set({ reworkAssignment: event.target.value as ReworkAssignment })}
        >
          {REWORK_ASSIGNMENTS.map((value) => (
            <option key={value} value={value}>
              {REWORK_ASSIGNMENT_LABELS[value]}
            </option>
          ))}
        </select>
      </label>
      <label className="labelops-setup__choice">
        <input
          type="checkbox"
          name="allowSelfReview"
          checked={settings.allowSelfReview}
          onChange={(event) => set({ allowSelfReview: event.target.checked })}
        />
        <span>Let people review their own annotation of a task</span>
      </label>
    </div>
  )
}
