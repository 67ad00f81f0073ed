'use client'
// The Analytics tab's charts (recharts): throughput per bucket with the rejection rate over it, time per stage
// (average and p90 per task), and issues raised and resolved. Colours come from the admin's theme variables.
// No animations: figures that redraw on every filter change should be read, not watched.
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

import { bucketLabel, formatDuration, formatRate } from './analyticsState.ts'

const COLOURS = { submitted: '#2e86ab', approved: '#30a46c', rejected: '#e5484d', skipped: '#a1a1aa', rate: '#f18f01', p90: '#6a4c93' }
const axis = { fontSize: 12, fill: 'var(--theme-elevation-600)' }
const tooltipStyle = {
  contentStyle: { background: 'var(--theme-elevation-0)', border: '1px solid var(--theme-elevation-150)', borderRadius: 4, fontSize: 13 },
}

export type ThroughputPoint = {
  bucket: string
  submitted: number
  skipped: number
  approved: number
  rejected: number
  rejectionRate: number | null
  /** the mean agreement of the consensus rounds closed in the bucket */
  agreement?: number | null
}

export function ThroughputChart({ points }: { points: ThroughputPoint[] }) {
  const data = points.map((point) => ({
    ...point,
    label: bucketLabel(point.bucket),
    rate: point.rejectionRate === null ? null : point.rejectionRate * 100,
    agreed: point.agreement === null || point.agreement === undefined ? null : point.agreement * 100,
  }))
  // consensus projects only: a line for the rounds' agreement beside the rejection rate
  const agreement = data.some((point) => point.agreed !== null)
  return (
    <ResponsiveContainer width="100%" height={280}>
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
        <CartesianGrid stroke="var(--theme-elevation-100)" vertical={false} />
        <XAxis dataKey="label" tick={axis} minTickGap={16} />
        <YAxis yAxisId="count" tick={axis} allowDecimals={false} />
        <YAxis yAxisId="rate" orientation="right" tick={axis} domain={[0, 100]} unit="%" width={44} />
        <Tooltip
          {...tooltipStyle}
          formatter={(value, name) =>
            name === 'Rejection rate' || name === 'Consensus agreement' ? formatRate(typeof value === 'number' ? value / 100 : null) : value
          }
        />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        <Bar isAnimationActive={false} yAxisId="count" dataKey="submitted" name="Submitted" stackId="work" fill={COLOURS.submitted} />
        <Bar isAnimationActive={false} yAxisId="count" dataKey="skipped" name="Skipped" stackId="work" fill={COLOURS.skipped} />
        <Bar isAnimationActive={false} yAxisId="count" dataKey="approved" name="Approved" stackId="review" fill={COLOURS.approved} />
        <Bar isAnimationActive={false} yAxisId="count" dataKey="rejected" name="Rejected" stackId="review" fill={COLOURS.rejected} />
        <Line
          isAnimationActive={false}
          yAxisId="rate"
          dataKey="rate"
          name="Rejection rate"
          stroke={COLOURS.rate}
          strokeWidth={2}
          dot={false}
          connectNulls
        />
        {agreement ? (
          <Line
            isAnimationActive={false}
            yAxisId="rate"
            dataKey="agreed"
            name="Consensus agreement"
            stroke={COLOURS.p90}
            strokeWidth={2}
            strokeDasharray="5 3"
            dot={false}
            connectNulls
          />
        ) : null}
      </ComposedChart>
    </ResponsiveContainer>
  )
}

export type StagePoint = { name: string; avgMs: number | null; p90Ms: number | null }

export function StageTimeChart({ points }: { points: StagePoint[] }) {
  const data = points.map((point) => ({ name: point.name, avg: (point.avgMs ?? 0) / 1000, p90: (point.p90Ms ?? 0) / 1000 }))
  return (
    <ResponsiveContainer width="100%" height={Math.max(140, 56 * data.length + 60)}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="var(--theme-elevation-100)" horizontal={false} />
        <XAxis type="number" tick={axis} unit=" s" />
        <YAxis type="category" dataKey="name" tick={axis} width={110} />
        <Tooltip {...tooltipStyle} formatter={(value) => formatDuration(typeof value === 'number' ? value * 1000 : null)} />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        <Bar isAnimationActive={false} dataKey="avg" name="Average per task" fill={COLOURS.submitted} />
        <Bar isAnimationActive={false} dataKey="p90" name="p90 per task" fill={COLOURS.p90} />
      </BarChart>
    </ResponsiveContainer>
  )
}

export function IssuesChart({ points }: { points: Array<{ bucket: string; raised: number; resolved: number }> }) {
  const data = points.map((point) => ({ ...point, label: bucketLabel(point.bucket) }))
  return (
    <ResponsiveContainer width="100%" height={200}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
        <CartesianGrid stroke="var(--theme-elevation-100)" vertical={false} />
        <XAxis dataKey="label" tick={axis} minTickGap={16} />
        <YAxis tick={axis} allowDecimals={false} />
        <Tooltip {...tooltipStyle} />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        <Bar isAnimationActive={false} dataKey="raised" name="Raised" fill={COLOURS.rejected} />
        <Bar isAnimationActive={false} dataKey="resolved" name="Resolved" fill={COLOURS.approved} />
      </BarChart>
    </ResponsiveContainer>
  )
}

export type UtilisationPoint = { bucket: string; activeMs: number; heldMs: number; utilisation: number | null }

/** Active and idle hours of held tasks per bucket, with the share that was active over them. */
export function UtilisationChart({ points }: { points: UtilisationPoint[] }) {
  const data = points.map((point) => ({
    label: bucketLabel(point.bucket),
    active: point.activeMs / 3_600_000,
    idle: Math.max(0, point.heldMs - point.activeMs) / 3_600_000,
    rate: point.utilisation === null ? null : point.utilisation * 100,
  }))
  return (
    <ResponsiveContainer width="100%" height={240}>
      <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -8 }}>
        <CartesianGrid stroke="var(--theme-elevation-100)" vertical={false} />
        <XAxis dataKey="label" tick={axis} minTickGap={16} />
        <YAxis yAxisId="hours" tick={axis} unit=" h" />
        <YAxis yAxisId="rate" orientation="right" tick={axis} domain={[0, 100]} unit="%" width={44} />
        <Tooltip
          {...tooltipStyle}
          formatter={(value, name) =>
            typeof value !== 'number' ? value : name === 'Active of held' ? formatRate(value / 100) : formatDuration(value * 3_600_000)
          }
        />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        <Bar isAnimationActive={false} yAxisId="hours" dataKey="active" name="Active" stackId="held" fill={COLOURS.approved} />
        <Bar isAnimationActive={false} yAxisId="hours" dataKey="idle" name="Held, idle" stackId="held" fill={COLOURS.skipped} />
        <Line
          isAnimationActive={false}
          yAxisId="rate"
          dataKey="rate"
          name="Active of held"
          stroke={COLOURS.rate}
          strokeWidth={2}
          dot={false}
          connectNulls
        />
      </ComposedChart>
    </ResponsiveContainer>
  )
}

/** Objects and classification answers per ontology class, most used first. */
export function ClassInstancesChart({ points }: { points: Array<{ name: string; kind: 'object' | 'classification'; instances: number }> }) {
  const data = points.map((point) => ({
    name: point.name,
    objects: point.kind === 'object' ? point.instances : 0,
    answers: point.kind === 'object' ? 0 : point.instances,
  }))
  return (
    <ResponsiveContainer width="100%" height={Math.max(140, 36 * data.length + 60)}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid stroke="var(--theme-elevation-100)" horizontal={false} />
        <XAxis type="number" tick={axis} allowDecimals={false} />
        <YAxis type="category" dataKey="name" tick={axis} width={110} />
        <Tooltip {...tooltipStyle} />
        <Legend wrapperStyle={{ fontSize: 13 }} />
        <Bar isAnimationActive={false} dataKey="objects" name="Objects" stackId="class" fill={COLOURS.submitted} />
        <Bar isAnimationActive={false} dataKey="answers" name="Classification answers" stackId="class" fill={COLOURS.p90} />
      </BarChart>
    </ResponsiveContainer>
  )
}
