'use client'
// What an import answered: the accepted, created and updated counts, the tasks created, and every rejected row with
// its field and rule (the first 50, then how many more).
import { Button } from '@payloadcms/ui'

import type { ImportResult } from '../../src/operations/importDataItems.ts'

const SHOWN_ROWS = 50

export function ImportOutcome({ file, answer, onDismiss }: { file: string; answer: ImportResult; onDismiss: () => void }) {
  const rejected = answer.rejected
  return (
    <div
      className={`labelops-dataset-import__outcome labelops-dataset-import__outcome--${answer.rejectedCount ? 'partial' : 'done'}`}
      role="status"
      data-testid="dataset-import-outcome"
    >
      <p>
        {file}: <strong>{answer.accepted}</strong> rows accepted ({answer.created} created, {answer.updated} updated
        {answer.tasksCreated ? `, ${answer.tasksCreated} tasks created in the projects that use this dataset` : ''})
        {answer.rejectedCount ? (
          <>
            , <strong>{answer.rejectedCount}</strong> rejected — nothing of a rejected row was written:
          </>
        ) : (
          '.'
        )}
      </p>
      {rejected.length > 0 ? (
        <table className="labelops-dataset-import__rejected">
          <thead>
            <tr>
              <th>Row</th>
              <th>Field</th>
              <th>Rule</th>
            </tr>
          </thead>
          <tbody>
            {rejected.slice(0, SHOWN_ROWS).map((row, i) => (
              <tr key={i}>
                <td>{row.row}</td>
                <td>
                  <code>{row.field}</code>
                </td>
                <td>{row.rule}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {answer.rejectedCount > Math.min(SHOWN_ROWS, rejected.length) ? (
        <p>and {answer.rejectedCount - Math.min(SHOWN_ROWS, rejected.length)} more rejected rows</p>
      ) : null}
      <Button buttonStyle="subtle" size="small" margin={false} onClick={onDismiss}>
        Dismiss
      </Button>
    </div>
  )
}
