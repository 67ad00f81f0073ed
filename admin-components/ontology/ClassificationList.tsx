'use client'
// Classifications (an ontology's questions, or an object's attributes) edited as forms: name, type, required,
// options with their nested questions, in any depth; added, removed and reordered. Ids are shown, never edited.
import { blankClassification, blankOption, problemsAt, replaceItem, withType } from '../../src/domain/ontology/editing.ts'
import { CLASSIFICATION_TYPES, type Classification, type StructureProblem } from '../../src/domain/ontology/schema.ts'
import { ItemControls, NameInput, Problems } from './ListControls.tsx'
import { useItemKeys } from './useItemKeys.ts'

type Props = {
  items: Classification[]
  onChange: (items: Classification[]) => void
  path: string
  problems: StructureProblem[]
  highlight: string | null
  readOnly: boolean
  addLabel: string
}

const TYPE_LABELS: Record<Classification['type'], string> = { radio: 'One of (radio)', checklist: 'Any of (checklist)', text: 'Free text' }

export function ClassificationList({ items, onChange, path, problems, highlight, readOnly, addLabel }: Props) {
  const keys = useItemKeys(items)
  return (
    <div className="labelops-ontology__list">
      {items.map((item, index) => {
        const at = `${path}[${index}]`
        const update = (next: Classification) => onChange(replaceItem(items, index, next))
        const options = item.options ?? []
        return (
          <fieldset key={keys[index]} className={`labelops-ontology__item${highlight === at ? ' is-refused' : ''}`} data-path={at}>
            <div className="labelops-ontology__row">
              <NameInput
                label="Question"
                placeholder="e.g. Weather"
                value={item.name}
                onChange={(name) => update({ ...item, name })}
                readOnly={readOnly}
                problems={problemsAt(problems, `${at}.name`)}
              />
              <label>
                <span>Answer</span>
                <select
                  value={item.type}
                  onChange={(event) => update(withType(item, event.target.value as Classification['type']))}
                  disabled={readOnly}
                >
                  {CLASSIFICATION_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {TYPE_LABELS[type]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="labelops-ontology__check">
                <input
                  type="checkbox"
                  checked={Boolean(item.required)}
                  onChange={(event) => update({ ...item, required: event.target.checked })}
                  disabled={readOnly}
                />
                <span>Required</span>
              </label>
              <ItemControls
                id={item.id}
                list={items}
                index={index}
                what={`question ${item.name || index + 1}`}
                onChange={onChange}
                disabled={readOnly}
              />
            </div>
            <Problems messages={[...problemsAt(problems, at), ...problemsAt(problems, `${at}.options`)]} />
            {item.type === 'text' ? null : (
              <OptionList
                options={options}
                onChange={(next) => update({ ...item, options: next })}
                at={at}
                problems={problems}
                highlight={highlight}
                readOnly={readOnly}
              />
            )}
          </fieldset>
        )
      })}
      {readOnly ? null : (
        <button
          type="button"
          className="labelops-ontology__add"
          onClick={() => onChange([...items, blankClassification() as Classification])}
        >
          + {addLabel}
        </button>
      )}
    </div>
  )
}

type Option = NonNullable<Classification['options']>[number]

/** A choice question's options, each with its follow-up questions. */
function OptionList({
  options,
  onChange,
  at,
  problems,
  highlight,
  readOnly,
}: {
  options: Option[]
  onChange: (options: Option[]) => void
  at: string
  problems: StructureProblem[]
  highlight: string | null
  readOnly: boolean
}) {
  const keys = useItemKeys(options)
  const setOptions = onChange
  return (
    <div className="labelops-ontology__options">
      {options.map((option, o) => {
        const optionAt = `${at}.options[${o}]`
        return (
          <div key={keys[o]} className={`labelops-ontology__option${highlight === optionAt ? ' is-refused' : ''}`} data-path={optionAt}>
            <div className="labelops-ontology__row">
              <NameInput
                label="Option"
                placeholder="e.g. Sunny"
                value={option.label}
                onChange={(label) => setOptions(replaceItem(options, o, { ...option, label }))}
                readOnly={readOnly}
                problems={problemsAt(problems, `${optionAt}.label`)}
              />
              <ItemControls
                id={option.id}
                list={options}
                index={o}
                what={`option ${option.label || o + 1}`}
                onChange={setOptions}
                disabled={readOnly}
              />
            </div>
            <Problems messages={problemsAt(problems, optionAt)} />
            {option.classifications?.length || !readOnly ? (
              <ClassificationList
                items={option.classifications ?? []}
                onChange={(nested) =>
                  setOptions(replaceItem(options, o, { ...option, classifications: nested.length ? nested : undefined }))
                }
                path={`${optionAt}.classifications`}
                problems={problems}
                highlight={highlight}
                readOnly={readOnly}
                addLabel="Add a follow-up question"
              />
            ) : null}
          </div>
        )
      })}
      {readOnly ? null : (
        <button type="button" className="labelops-ontology__add" onClick={() => onChange([...options, blankOption()])}>
          + Add an option
        </button>
      )}
    </div>
  )
}
