'use client'
// The side panel of the selected stage: its name, who works it, its type's settings, where each pathway leads,
// and removing it. In a running project only names and assignments stay editable (the server's freeze rule).
import { Button } from '@payloadcms/ui'

import { isEndStage, type Stage, type WorkflowGraph } from '../../src/domain/workflow/graph.ts'
import { outputsOf, PALETTE, paletteKeyOf } from '../../src/domain/workflow/editing.ts'
import { CommitInput, PickMany } from './fields.tsx'
import { RouterEditor } from './RouterEditor.tsx'
import type { PeopleOptions } from './usePeopleOptions.ts'

type Props = {
  graph: WorkflowGraph
  stage: Stage
  isStart: boolean
  problems: string[]
  people: PeopleOptions
  /** nothing may change (a built-in template, or no right to edit) */
  readOnly: boolean
  /** stages and edges are frozen (a project with tasks): names and assignments only */
  frozen: boolean
  onChange: (stage: Stage, renamed?: Record<string, string>) => void
  onConnect: (pathway: string, to: string | null) => void
  onMakeStart: () => void
  onRemove: () => void
}

type Assignment = { users?: Array<number | string>; groups?: Array<number | string> }

export function StagePanel({
  graph,
  stage,
  isStart,
  problems,
  people,
  readOnly,
  frozen,
  onChange,
  onConnect,
  onMakeStart,
  onRemove,
}: Props) {
  const structureLocked = readOnly || frozen
  const label = PALETTE.find((entry) => entry.key === paletteKeyOf(stage))?.label ?? stage.type
  const config = ('config' in stage ? stage.config : undefined) as (Assignment & Record<string, unknown>) | undefined
  const setConfig = (patch: Record<string, unknown>) => {
    const next = { ...config, ...patch }
    for (const key of Object.keys(patch)) if (next[key] === undefined) delete next[key]
    onChange({ ...stage, config: Object.keys(next).length ? next : undefined } as Stage)
  }
  const worked = stage.type === 'annotate' || stage.type === 'review' || stage.type === 'consensus'
  const target = (pathway: string) => graph.edges.find((edge) => edge.from === stage.id && edge.pathway === pathway)?.to ?? ''

  return (
    <aside className="labelops-workflow__panel nokey" data-panel={stage.id} aria-label={`Stage ${stage.name}`}>
      <header>
        <span className="labelops-workflow__panel-type">{label}</span>
        <code title="The stage's id: tasks and the API name the stage by it">{stage.id}</code>
      </header>
      <CommitInput
        label="Name"
        name="stage-name"
        value={stage.name}
        live
        disabled={readOnly}
        onCommit={(name) => onChange({ ...stage, name })}
      />
      {problems.length ? (
        <ul className="labelops-workflow__panel-problems">
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      ) : null}

      {worked ? (
        <section>
          <h4>Who works this stage</h4>
          <p className="labelops-workflow__hint">Empty: everyone with the project role for it.</p>
          <PickMany
            label="People"
            options={people.users}
            value={config?.users}
            disabled={readOnly}
            placeholder="Anyone"
            onChange={(users) => setConfig({ users: users.length ? users : undefined })}
          />
          <PickMany
            label="Groups"
            options={people.groups}
            value={config?.groups}
            disabled={readOnly}
            placeholder="Any group"
            onChange={(groups) => setConfig({ groups: groups.length ? groups : undefined })}
          />
        </section>
      ) : null}

      {stage.type === 'review' ? (
        <label className="labelops-workflow__check">
          <input
            type="checkbox"
            checked={Boolean(stage.config?.allowSelfReview)}
            disabled={structureLocked}
            onChange={(event) => setConfig({ allowSelfReview: event.target.checked || undefined })}
          />
          <span>Reviewers may review their own annotation</span>
        </label>
      ) : null}

      {stage.type === 'consensus' ? (
        <section>
          <h4>Consensus</h4>
          <CommitInput
            label="Annotators per task"
            name="annotators"
            type="number"
            value={String(stage.config.annotators)}
            live
            disabled={structureLocked}
            onCommit={(value) => setConfig({ annotators: Math.round(Number(value)) || 0 })}
          />
          <CommitInput
            label="Accept without review at agreement (0 to 1; empty: always review)"
            name="autoAcceptAt"
            type="number"
            value={stage.config.autoAcceptAt === undefined ? '' : String(stage.config.autoAcceptAt)}
            live
            disabled={structureLocked}
            onCommit={(value) => setConfig({ autoAcceptAt: value.trim() === '' ? undefined : Number(value) })}
          />
        </section>
      ) : null}

      {stage.type === 'router' ? <RouterEditor stage={stage} people={people} disabled={structureLocked} onChange={onChange} /> : null}

      {outputsOf(stage).length ? (
        <section>
          <h4>Pathways</h4>
          {outputsOf(stage).map((pathway) => (
            <label key={pathway} className="labelops-workflow__input labelops-workflow__pathway" data-pathway={pathway}>
              <span>{pathway} leads to</span>
              <select
                name={`leads-${pathway}`}
                value={target(pathway)}
                disabled={structureLocked}
                onChange={(event) => onConnect(pathway, event.target.value || null)}
              >
                <option value="">not connected</option>
                {graph.stages.map((one) => (
                  <option key={one.id} value={one.id}>
                    {one.name} ({one.id})
                  </option>
                ))}
              </select>
            </label>
          ))}
        </section>
      ) : null}

      {structureLocked ? null : (
        <footer>
          {isStart || isEndStage(stage) ? null : (
            <Button buttonStyle="secondary" size="small" onClick={onMakeStart}>
              Make this the start
            </Button>
          )}
          <Button buttonStyle="error" size="small" onClick={onRemove}>
            Remove stage
          </Button>
        </footer>
      )}
    </aside>
  )
}
