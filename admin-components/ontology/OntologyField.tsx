'use client'
// An ontology's objects or classifications edited as forms (admin.components.Field of both JSON fields): add,
// remove, reorder; feature ids kept. Every problem the server's validation would find is shown at its place as
// you type, and a save the server refuses (a feature labels use, removed or retyped) is marked on its item.
import { FieldDescription, FieldLabel, useFormFields } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'
import { useMemo } from 'react'

import { blankObject, editorProblems, refusedItem, problemsAt, replaceItem } from '../../src/domain/ontology/editing.ts'
import { type Classification, OBJECT_SHAPES, type OntologyObject } from '../../src/domain/ontology/schema.ts'
import { useFieldWithRefusal } from '../shared/useFieldWithRefusal.ts'
import { ClassificationList } from './ClassificationList.tsx'
import { ItemControls, NameInput, Problems } from './ListControls.tsx'
import { useItemKeys } from './useItemKeys.ts'
import './ontology.css'

const SHAPE_LABELS: Record<OntologyObject['shape'], string> = {
  'bounding-box': 'Bounding box',
  'rotated-box': 'Rotated box',
  polygon: 'Polygon',
  polyline: 'Polyline',
  point: 'Point',
  bitmask: 'Bitmask',
  'text-span': 'Text span',
}

export const OntologyField: JSONFieldClientComponent = ({ path, field, readOnly: readOnlyProp }) => {
  const part = path.endsWith('classifications') ? 'classifications' : 'objects'
  const siblingPath = path.replace(/[^.]*$/, part === 'objects' ? 'classifications' : 'objects')
  const { value, setValue, refusal, disabled } = useFieldWithRefusal(path)
  const sibling = useFormFields(([fields]) => fields[siblingPath]?.value)
  const items = useMemo(() => (Array.isArray(value) ? value : []), [value])
  const keys = useItemKeys(items as Array<{ id?: string }>)
  const problems = useMemo(
    () => (part === 'objects' ? editorProblems(items, sibling) : editorProblems(sibling, items)),
    [part, items, sibling],
  )
  const readOnly = Boolean(readOnlyProp || disabled)
  const highlight = refusedItem(refusal ?? undefined)

  return (
    <div className={`field-type labelops-ontology${refusal ? ' error' : ''}`} data-field={path}>
      <FieldLabel label={field.label} path={path} required={field.required} />
      {field.admin?.description ? <FieldDescription description={field.admin.description} path={path} /> : null}
      {refusal ? (
        <div className="labelops-ontology__refusal" role="alert">
          Not saved: {refusal}
        </div>
      ) : null}
      {part === 'classifications' ? (
        <ClassificationList
          items={items as Classification[]}
          onChange={setValue}
          path="classifications"
          problems={problems}
          highlight={highlight}
          readOnly={readOnly}
          addLabel="Add a question"
        />
      ) : (
        <div className="labelops-ontology__list">
          {(items as OntologyObject[]).map((object, index) => {
            const at = `objects[${index}]`
            const update = (next: OntologyObject) => setValue(replaceItem(items as OntologyObject[], index, next))
            return (
              <fieldset key={keys[index]} className={`labelops-ontology__item${highlight === at ? ' is-refused' : ''}`} data-path={at}>
                <div className="labelops-ontology__row">
                  <input
                    type="color"
                    className="labelops-ontology__colour"
                    value={object.colour ?? '#888888'}
                    onChange={(event) => update({ ...object, colour: event.target.value })}
                    disabled={readOnly}
                    aria-label="Colour"
                  />
                  <NameInput
                    label="Object"
                    placeholder="e.g. Car"
                    value={object.name}
                    onChange={(name) => update({ ...object, name })}
                    readOnly={readOnly}
                    problems={problemsAt(problems, `${at}.name`)}
                  />
                  <label>
                    <span>Drawn as</span>
                    <select
                      value={object.shape}
                      onChange={(event) => update({ ...object, shape: event.target.value as OntologyObject['shape'] })}
                      disabled={readOnly}
                    >
                      {OBJECT_SHAPES.map((shape) => (
                        <option key={shape} value={shape}>
                          {SHAPE_LABELS[shape]}
                        </option>
                      ))}
                    </select>
                  </label>
                  <ItemControls
                    id={object.id}
                    list={items}
                    index={index}
                    what={`object ${object.name || index + 1}`}
                    onChange={setValue}
                    disabled={readOnly}
                  />
                </div>
                <Problems messages={[...problemsAt(problems, at), ...problemsAt(problems, `${at}.colour`)]} />
                <div className="labelops-ontology__attributes">
                  <span className="labelops-ontology__caption">Attributes asked about each {object.name || 'object'}</span>
                  <ClassificationList
                    items={object.attributes ?? []}
                    onChange={(attributes) => update({ ...object, attributes: attributes.length ? attributes : undefined })}
                    path={`${at}.attributes`}
                    problems={problems}
                    highlight={highlight}
                    readOnly={readOnly}
                    addLabel="Add an attribute"
                  />
                </div>
              </fieldset>
            )
          })}
          {readOnly ? null : (
            <button
              type="button"
              className="labelops-ontology__add"
              onClick={() => setValue([...items, blankObject(items as OntologyObject[])])}
            >
              + Add an object
            </button>
          )}
        </div>
      )}
    </div>
  )
}
