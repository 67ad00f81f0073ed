'use client'
// A router's branches: percentage weights, collaborator branches or metadata rules, and where everyone else
// goes. A renamed branch takes its edge along (updateStage's `renamed`).
import { freePathway, pathwayNameProblem, ruleValueOf, ruleValueText } from '../../src/domain/workflow/editing.ts'
import type { RouterConfig, Stage } from '../../src/domain/workflow/graph.ts'
import { CommitInput, PickMany } from './fields.tsx'
import type { PeopleOptions } from './usePeopleOptions.ts'

type Router = Extract<Stage, { type: 'router' }>
type Props = {
  stage: Router
  people: PeopleOptions
  disabled: boolean
  onChange: (stage: Stage, renamed?: Record<string, string>) => void
}

const OPS = [
  ['equals', 'equals'],
  ['not-equals', 'does not equal'],
  ['in', 'is one of'],
  ['exists', 'exists'],
  ['gt', 'is greater than'],
  ['lt', 'is less than'],
] as const

export function RouterEditor({ stage, people, disabled, onChange }: Props) {
  const config = stage.config
  const setConfig = (next: RouterConfig, renamed?: Record<string, string>) => onChange({ ...stage, config: next }, renamed)
  const rows = config.kind === 'metadata' ? config.rules : config.branches
  const taken = [...rows.map((row) => row.pathway), ...('otherwise' in config ? [config.otherwise] : [])]

  const rename = (index: number, pathway: string) => {
    const before = rows[index]!.pathway
    const list = rows.map((row, i) => (i === index ? { ...row, pathway } : row))
    // another row (or everyone else) on the same pathway keeps the edge where it is
    const shared = rows.some((row, i) => i !== index && row.pathway === before) || ('otherwise' in config && config.otherwise === before)
    const renamed = shared ? {} : { [before]: pathway }
    setConfig({ ...config, [config.kind === 'metadata' ? 'rules' : 'branches']: list } as RouterConfig, renamed)
  }
  const replaceRow = (index: number, row: object) =>
    setConfig({
      ...config,
      [config.kind === 'metadata' ? 'rules' : 'branches']: rows.map((one, i) => (i === index ? row : one)),
    } as RouterConfig)
  const removeRow = (index: number) =>
    setConfig({ ...config, [config.kind === 'metadata' ? 'rules' : 'branches']: rows.filter((_, i) => i !== index) } as RouterConfig)
  const addRow = () => {
    const pathway = freePathway(taken)
    if (config.kind === 'percentage') setConfig({ ...config, branches: [...config.branches, { pathway, weight: 0 }] })
    else if (config.kind === 'collaborator') setConfig({ ...config, branches: [...config.branches, { pathway, users: [] }] })
    else setConfig({ ...config, rules: [...config.rules, { pathway, key: '', op: 'equals', value: '' }] })
  }
  // a percentage branch must differ from every other; a collaborator or metadata branch may share its pathway
  const otherNames = (index: number) => (config.kind === 'percentage' ? rows.filter((_, i) => i !== index).map((row) => row.pathway) : [])
  const total = config.kind === 'percentage' ? config.branches.reduce((sum, branch) => sum + (Number(branch.weight) || 0), 0) : 0

  return (
    <div className="labelops-workflow__router" data-router={config.kind}>
      <h4>
        {config.kind === 'percentage'
          ? 'Branches by weight'
          : config.kind === 'collaborator'
            ? 'Branches by collaborator'
            : 'Rules, first match wins'}
      </h4>
      {rows.map((row, index) => (
        <fieldset key={index} className="labelops-workflow__branch" data-branch={index}>
          <CommitInput
            label="Pathway"
            name={`pathway-${index}`}
            value={row.pathway}
            disabled={disabled}
            validate={(value) => pathwayNameProblem(value.trim(), otherNames(index))}
            onCommit={(value) => rename(index, value.trim())}
          />
          {config.kind === 'percentage' ? (
            <CommitInput
              label="Weight %"
              name={`weight-${index}`}
              type="number"
              value={String((row as { weight: number }).weight)}
              live
              disabled={disabled}
              onCommit={(value) => replaceRow(index, { ...row, weight: Number(value) || 0 })}
            />
          ) : null}
          {config.kind === 'collaborator' ? (
            <>
              <PickMany
                label="When the previous stage was worked by"
                options={people.users}
                value={(row as { users?: Array<number | string> }).users}
                disabled={disabled}
                placeholder="People"
                onChange={(users) => replaceRow(index, { ...row, users })}
              />
              <PickMany
                label="or a member of"
                options={people.groups}
                value={(row as { groups?: Array<number | string> }).groups}
                disabled={disabled}
                placeholder="Groups"
                onChange={(groups) => replaceRow(index, { ...row, groups: groups.length ? groups : undefined })}
              />
            </>
          ) : null}
          {config.kind === 'metadata'
            ? (() => {
                const rule = row as (typeof config.rules)[number]
                return (
                  <>
                    <CommitInput
                      label="Metadata key"
                      name={`key-${index}`}
                      value={rule.key}
                      live
                      disabled={disabled}
                      onCommit={(key) => replaceRow(index, { ...rule, key })}
                    />
                    <label className="labelops-workflow__input">
                      <span>Test</span>
                      <select
                        value={rule.op}
                        disabled={disabled}
                        onChange={(event) => {
                          const op = event.target.value as typeof rule.op
                          replaceRow(index, { ...rule, op, value: ruleValueOf(op, ruleValueText(rule.op, rule.value), rule.value) })
                        }}
                      >
                        {OPS.map(([op, text]) => (
                          <option key={op} value={op}>
                            {text}
                          </option>
                        ))}
                      </select>
                    </label>
                    {rule.op === 'exists' ? null : (
                      <CommitInput
                        label={rule.op === 'in' ? 'Values, comma-separated' : 'Value'}
                        name={`value-${index}`}
                        value={ruleValueText(rule.op, rule.value)}
                        disabled={disabled}
                        live
                        onCommit={(text) => replaceRow(index, { ...rule, value: ruleValueOf(rule.op, text, rule.value) })}
                      />
                    )}
                  </>
                )
              })()
            : null}
          {disabled || rows.length <= 1 ? null : (
            <button
              type="button"
              className="labelops-workflow__remove-branch"
              onClick={() => removeRow(index)}
              aria-label={`Remove ${row.pathway}`}
            >
              Remove
            </button>
          )}
        </fieldset>
      ))}
      {config.kind === 'percentage' ? (
        <p className={`labelops-workflow__total${Math.abs(total - 100) > 1e-9 ? ' is-wrong' : ''}`}>Weights add up to {total}%</p>
      ) : null}
      {'otherwise' in config ? (
        <CommitInput
          label="Everyone else takes pathway"
          name="otherwise"
          value={config.otherwise}
          disabled={disabled}
          validate={(value) => pathwayNameProblem(value.trim(), [])}
          onCommit={(value) => {
            const shared = rows.some((row) => row.pathway === config.otherwise)
            setConfig({ ...config, otherwise: value.trim() } as RouterConfig, shared ? {} : { [config.otherwise]: value.trim() })
          }}
        />
      ) : null}
      {disabled ? null : (
        <button type="button" className="labelops-workflow__add-branch" onClick={addRow}>
          + Add a {config.kind === 'metadata' ? 'rule' : 'branch'}
        </button>
      )}
    </div>
  )
}
