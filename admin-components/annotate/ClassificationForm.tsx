'use client'
// The ontology's classifications as a form: radio, checklist and text, with the classifications nested under
// a chosen option shown beneath it. Edits go through the pure rules of src/domain/labels/editing.ts.
import {
  type Answer,
  answerOf,
  chooseOption,
  clearAnswer,
  setNestedAnswers,
  setText,
  toggleOption,
} from '../../src/domain/labels/editing.ts'
import type { Classification } from '../../src/domain/ontology/schema.ts'

export function ClassificationForm({
  classifications,
  answers,
  onChange,
  path = 'c',
}: {
  classifications: readonly Classification[]
  answers: readonly Answer[]
  onChange: (answers: Answer[]) => void
  path?: string
}) {
  if (classifications.length === 0) return null
  return (
    <div className="labelops-classifications">
      {classifications.map((classification) => {
        const answer = answerOf(answers, classification.id)
        const id = `${path}-${classification.id}`
        return (
          <fieldset key={classification.id} className="labelops-classification" data-classification={classification.id}>
            <legend>
              {classification.name}
              {classification.required ? (
                <span className="labelops-required" title="Required before you submit">
                  {' '}
                  *
                </span>
              ) : null}
              {answer && classification.type !== 'text' ? (
                <button type="button" className="labelops-link" onClick={() => onChange(clearAnswer(answers, classification))}>
                  clear
                </button>
              ) : null}
            </legend>
            {classification.type === 'text' ? (
              <textarea
                id={id}
                aria-label={classification.name}
                rows={2}
                value={answer?.text ?? ''}
                onChange={(event) => onChange(setText(answers, classification, event.target.value))}
              />
            ) : (
              (classification.options ?? []).map((option) => {
                const chosen = Boolean(answer?.optionIds?.includes(option.id))
                return (
                  <div key={option.id} className="labelops-option">
                    <label>
                      <input
                        type={classification.type === 'radio' ? 'radio' : 'checkbox'}
                        name={id}
                        value={option.id}
                        checked={chosen}
                        onChange={() =>
                          onChange(
                            classification.type === 'radio'
                              ? chooseOption(answers, classification, option.id)
                              : toggleOption(answers, classification, option.id),
                          )
                        }
                      />
                      {option.label}
                    </label>
                    {chosen && option.classifications?.length ? (
                      <div className="labelops-nested">
                        <ClassificationForm
                          classifications={option.classifications}
                          answers={answer?.answers ?? []}
                          path={`${id}-${option.id}`}
                          onChange={(nested) => onChange(setNestedAnswers(answers, classification, nested))}
                        />
                      </div>
                    ) : null}
                  </div>
                )
              })
            )}
          </fieldset>
        )
      })}
    </div>
  )
}
