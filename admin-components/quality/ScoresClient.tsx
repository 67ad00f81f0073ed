'use client'
// The Scores tab's content: KPIs, each annotator's standing (tasks scored of those there are, mean score against
// gold, passed or not), and the mean score per day per annotator (recharts). A standard project shows the
// benchmark that screens its annotators instead.
import { SetDocumentStepNav } from '@payloadcms/ui'
import type { CollectionSlug } from 'payload'
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

import { Kpi } from '../analytics/AnalyticsParts.tsx'

type Row = {
  annotator: string
  name: string
  scored: number
  required: number
  mean: number | null
  attempts: number
  lastSubmittedAt: string | null
  passed?: boolean
  /** honeypots: why the annotator is paused ('' without a reason), null while they work */
  paused?: string | null
}

export type ScoresClientProps = {
  projectId: string
  slugs: { projects: string }
  stepNav: { pluralLabel: string; useAsTitle: string }
  results?: {
    project: { kind: string; passScore: number; honeypots?: { window: number; pauseBelow: number } }
    goldTasks: number
    annotators: Row[]
    byDay: Array<{ day: string; annotator: string; scored: number; mean: number }>
  }
  standard?: { benchmark: { name: string; passScore: number; href: string } | null }
}

const LINE_COLOURS = ['#2e86ab', '#f18f01', '#30a46c', '#6a4c93', '#e5484d', '#0f766e', '#a16207', '#be185d']
const percent = (value: number | null) => (value === null ? '—' : `${Math.round(value * 100)}%`)
const axis = { fontSize: 12, fill: 'var(--theme-elevation-600)' }

export function ScoresClient({ projectId, slugs, stepNav, results, standard }: ScoresClientProps) {
  const nav = (
    <SetDocumentStepNav
      collectionSlug={slugs.projects as CollectionSlug}
      id={projectId}
      pluralLabel={stepNav.pluralLabel}
      useAsTitle={stepNav.useAsTitle}
      view="Scores"
    />
  )
  const screening = standard?.benchmark ? (
    <p>
      Annotators are served this project’s tasks once they pass the benchmark{' '}
      <a className="labelops-link" href={standard.benchmark.href}>
        {standard.benchmark.name}
      </a>{' '}
      (every task scored, a mean score of at least {percent(standard.benchmark.passScore)}). Its Scores tab shows who passed.
    </p>
  ) : null
  if (!results) {
    return (
      <div className="labelops-analytics">
        {nav}
        <header className="labelops-analytics__head">
          <h2>Scores</h2>
          {screening ?? (
            <p className="labelops-muted">
              This standard project is not scored. To screen annotators before they work here, create a Benchmark project with gold labels
              (Import labels… as gold on its Queue tab) and choose it under “Requires benchmark”; to measure them as they work, import gold
              labels here and turn on Honeypots.
            </p>
          )}
        </header>
      </div>
    )
  }
  const benchmark = results.project.kind === 'benchmark'
  const honeypots = results.project.honeypots
  const rows = results.annotators
  const scoredMeans = rows.flatMap((row) => (row.mean === null ? [] : [row.mean]))
  const names = new Map(rows.map((row) => [row.annotator, row.name]))
  const days = [...new Set(results.byDay.map((point) => point.day))].sort()
  const people = [...new Set(results.byDay.map((point) => point.annotator))].slice(0, LINE_COLOURS.length)
  const series = days.map((day) => ({
    day,
    ...Object.fromEntries(results.byDay.filter((point) => point.day === day).map((point) => [point.annotator, point.mean * 100])),
  }))
  const explanation = honeypots
    ? `Honeypots: gold tasks served among the others and scored silently. An annotator whose last ${honeypots.window === 1 ? 'honeypot scores' : `${honeypots.window} honeypots score`} below ${percent(honeypots.pauseBelow)} on average is paused; tick “Lifted” on their row under “Paused annotators” (Edit tab) to let them work again.`
    : benchmark
      ? `Each annotator’s submissions scored against the gold labels. Passing takes every gold task scored and a mean score of at least ${percent(results.project.passScore)}.`
      : 'Each annotator’s latest attempt at every training task, scored against the gold labels. Attempts are unlimited.'
  return (
    <div className="labelops-analytics" data-scores={results.project.kind}>
      {nav}
      <header className="labelops-analytics__head">
        <h2>Scores</h2>
        <p className="labelops-muted">{explanation}</p>
        {screening}
      </header>
      <div className="labelops-analytics__kpis">
        <Kpi label={honeypots ? 'Honeypots' : 'Gold tasks'} value={results.goldTasks} />
        <Kpi label="Annotators scored" value={rows.length} />
        {benchmark ? <Kpi label="Passed" value={rows.filter((row) => row.passed).length} /> : null}
        {honeypots ? <Kpi label="Paused" value={rows.filter((row) => row.paused != null).length} /> : null}
        <Kpi
          label="Mean score"
          value={percent(scoredMeans.length === 0 ? null : scoredMeans.reduce((sum, mean) => sum + mean, 0) / scoredMeans.length)}
        />
      </div>
      <section className="labelops-analytics__card" aria-label="Annotators">
        <div className="labelops-analytics__table-head">
          <h3>Annotators ({rows.length})</h3>
        </div>
        <table className="labelops-analytics__table">
          <thead>
            <tr>
              <th>Annotator</th>
              <th>{honeypots ? 'Honeypots scored' : 'Tasks scored'}</th>
              <th>Mean score</th>
              {benchmark ? <th>Passed</th> : honeypots ? <th>Status</th> : <th>Attempts</th>}
              <th>Last submission</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.annotator} data-annotator={row.annotator}>
                <td>{row.name}</td>
                <td>{honeypots ? row.scored : `${row.scored} of ${row.required}`}</td>
                <td>{percent(row.mean)}</td>
                {honeypots ? (
                  <td title={row.paused ?? undefined}>
                    <span className={`labelops-pill ${row.paused != null ? 'labelops-pill--warn' : 'labelops-pill--ok'}`}>
                      {row.paused != null ? 'paused' : 'working'}
                    </span>
                    {row.paused ? <span className="labelops-muted labelops-scores__why"> {row.paused}</span> : null}
                  </td>
                ) : benchmark ? (
                  <td>
                    <span className={`labelops-pill ${row.passed ? 'labelops-pill--ok' : 'labelops-pill--warn'}`}>
                      {row.passed ? 'passed' : 'not yet'}
                    </span>
                  </td>
                ) : (
                  <td>{row.attempts}</td>
                )}
                <td>{row.lastSubmittedAt ? new Date(row.lastSubmittedAt).toLocaleString() : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="labelops-muted">Nobody has submitted a scored task yet.</p> : null}
      </section>
      {days.length > 0 ? (
        <section className="labelops-analytics__card" aria-label="Mean score per day">
          <h3>Mean score per day</h3>
          <ResponsiveContainer width="100%" height={260}>
            <LineChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
              <CartesianGrid stroke="var(--theme-elevation-100)" vertical={false} />
              <XAxis dataKey="day" tick={axis} minTickGap={16} />
              <YAxis tick={axis} domain={[0, 100]} unit="%" />
              <Tooltip formatter={(value) => (typeof value === 'number' ? `${Math.round(value)}%` : value)} />
              <Legend wrapperStyle={{ fontSize: 13 }} />
              {people.map((person, index) => (
                <Line
                  key={person}
                  isAnimationActive={false}
                  dataKey={person}
                  name={names.get(person) ?? person}
                  stroke={LINE_COLOURS[index]}
                  strokeWidth={2}
                  connectNulls
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </section>
      ) : null}
    </div>
  )
}
