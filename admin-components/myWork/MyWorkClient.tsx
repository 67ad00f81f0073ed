'use client'
// "My work": the person's projects, their roles, the project status and what waits for them, each linking to
// where they act. Rendered from plain props its server component (MyWork / MyWorkView) loaded.
import { Button, Pill } from '@payloadcms/ui'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useTransition } from 'react'

import type { StageTotal } from '../../src/domain/queue/myWork.ts'
import type { MyWorkCard, MyWorkProps } from './loadMyWork.ts'

const STATUS_PILL: Record<string, 'success' | 'warning' | 'error' | 'light-gray' | 'light'> = {
  'in-progress': 'success',
  'not-started': 'light',
  paused: 'warning',
  completed: 'light-gray',
  cancelled: 'error',
  archived: 'light-gray',
}

export function MyWorkClient({ cards, waiting, pageHref, invitations = [], heading = true }: MyWorkProps & { heading?: boolean }) {
  const router = useRouter()
  const [refreshing, startRefresh] = useTransition()
  const summary =
    cards.length === 0
      ? null
      : `${cards.length} ${cards.length === 1 ? 'project' : 'projects'} · ${
          waiting === 0 ? 'nothing waiting for you' : `${waiting} ${waiting === 1 ? 'task' : 'tasks'} waiting for you`
        }`
  return (
    <section className="labelops-my-work" aria-labelledby="labelops-my-work-title">
      <div className="labelops-my-work__head">
        <div>
          {heading ? (
            <h2 id="labelops-my-work-title">
              <Link href={pageHref} style={{ color: 'inherit', textDecoration: 'none' }}>
                My work
              </Link>
            </h2>
          ) : (
            <h2 id="labelops-my-work-title" className="sr-only" style={{ position: 'absolute', left: '-10000px' }}>
              My work
            </h2>
          )}
          {summary ? <p className="labelops-my-work__summary">{summary}</p> : null}
        </div>
        <Button
          buttonStyle="secondary"
          size="small"
          margin={false}
          disabled={refreshing}
          onClick={() => startRefresh(() => router.refresh())}
        >
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </Button>
      </div>
      {invitations.length ? (
        <ul className="labelops-my-work__invitations" aria-label="Invitations waiting for your answer">
          {invitations.map((invitation) => (
            <li key={invitation.id} data-invitation={invitation.id}>
              You are invited to join <strong>{invitation.workspace}</strong> as {invitation.role}.{' '}
              <Link href={invitation.href}>Answer the invitation</Link>
            </li>
          ))}
        </ul>
      ) : null}
      {cards.length === 0 ? (
        <div className="labelops-my-work__empty">
          <p>
            You are not on any project yet. When a manager adds you to a project (or invites you to a workspace and assigns you), its work
            shows up here.
          </p>
        </div>
      ) : (
        <ul className="labelops-my-work__list">
          {cards.map((card) => (
            <ProjectCard key={card.id} card={card} />
          ))}
        </ul>
      )}
    </section>
  )
}

function ProjectCard({ card }: { card: MyWorkCard }) {
  return (
    <li className={`labelops-project${card.waiting > 0 ? ' labelops-project--waiting' : ''}`} data-project={card.id}>
      <div className="labelops-project__top">
        <div>
          <h3 className="labelops-project__name">
            <Link href={card.href} prefetch={false}>
              {card.name}
            </Link>
          </h3>
          <p className="labelops-project__meta">
            {card.workspace}
            {card.roles.length > 0 ? ` · ${card.roles.join(', ')}` : ''}
          </p>
        </div>
        <Pill pillStyle={STATUS_PILL[card.status] ?? 'light'} size="small">
          {card.statusLabel}
        </Pill>
      </div>
      {card.closed ? <p className="labelops-project__closed">{card.closed}</p> : null}
      {card.actions.length > 0 ? (
        <ul className="labelops-project__actions">
          {card.actions.map((action) => (
            <li key={action.key} data-action={action.key}>
              <Button el="link" url={action.href} buttonStyle={action.primary ? 'primary' : 'secondary'} size="small" margin={false}>
                {action.label}
              </Button>
            </li>
          ))}
        </ul>
      ) : card.quiet ? (
        <p className="labelops-project__quiet">{card.quiet}</p>
      ) : null}
      {card.stages && card.stages.length > 0 ? <StageTotals stages={card.stages} queueHref={card.queueHref} /> : null}
    </li>
  )
}

function StageTotals({ stages, queueHref }: { stages: StageTotal[]; queueHref: string | null }) {
  const total = stages.reduce((sum, stage) => sum + stage.total, 0)
  return (
    <div className="labelops-stages">
      <p className="labelops-stages__title">
        <span>
          Stage totals · {total} {total === 1 ? 'task' : 'tasks'}
        </span>
        {queueHref ? (
          <Link href={queueHref} prefetch={false} className="labelops-stages__queue" data-action="queue">
            Open the queue →
          </Link>
        ) : null}
      </p>
      <dl className="labelops-stages__list">
        {stages.map((stage) => {
          const width = (count: number) => `${total === 0 ? 0 : (count / total) * 100}%`
          return (
            <div key={stage.id} style={{ display: 'contents' }} data-stage={stage.id}>
              <dt>{stage.name}</dt>
              <dd className="labelops-stages__bar" aria-hidden="true">
                <span className="labelops-stages__bar-open" style={{ width: width(stage.open) }} />
                <span className="labelops-stages__bar-done" style={{ width: width(stage.completed) }} />
              </dd>
              <dd className="labelops-stages__count">
                {stage.type === 'complete' || stage.type === 'archive'
                  ? `${stage.total} done`
                  : stage.completed > 0
                    ? `${stage.open} open · ${stage.completed} done`
                    : `${stage.open} open`}
              </dd>
            </div>
          )
        })}
      </dl>
    </div>
  )
}
