'use client'
// The Annotator workspace ("Start labelling"), client side: claims the next task (POST /next — the claim
// operation decides what is served), shows the data item with the label editor, saves drafts as the person
// works (PUT /label, debounced), keeps the lease alive (heartbeat), submits and skips; keyboard shortcuts
// for the usual moves. Every action goes through LabelOps' REST routes (src/operations/registry.ts).
import { Button } from '@payloadcms/ui'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'

import {
  addObject,
  type Answer,
  classForKey,
  colourOf,
  canLabel,
  isDrawable,
  type LabelDocument,
  missingAttributes,
  missingRequired,
  newObjectId,
  objectTitle,
  removeObject,
  setObjectAttributes,
  toLabelDocument,
  updateGeometry,
} from '../../src/domain/labels/editing.ts'
import { pinIssues } from '../../src/domain/labels/reviewing.ts'
import type { OntologyStructure } from '../../src/domain/ontology/schema.ts'
import { ClassificationForm } from './ClassificationForm.tsx'
import { ItemStage } from './ItemStage.tsx'
import { frameMarks, labelShapes } from './labelShapes.ts'
import { ConsensusResolve } from './ConsensusResolve.tsx'
import { type TrainingScore, TrainingScoreCard } from './TrainingScore.tsx'
import { ReviewTask } from './ReviewTask.tsx'
import { type IssueTarget, RaiseIssue } from './RaiseIssue.tsx'
import { ReworkIssues } from './ReworkIssues.tsx'
import { type Claim, postTaskRequest, problemOf } from './types.ts'
import type { DrawingClass, ShapeMark } from './ImageCanvas.tsx'
import { isTyping } from './keys.ts'
import { useVideoFrames } from './useVideoFrames.ts'
import { useActiveTime } from './useActiveTime.ts'
import './annotate.css'

/** The drawing tool that pins an issue to a point instead of drawing an object. */
const ISSUE_PIN = '__issue'

export type AnnotateClientProps = {
  projectId: string
  projectName: string
  /** Payload's REST prefix (`config.routes.api`) */
  apiRoute: string
  /** collection slugs of the REST routes (hosts may rename them) */
  slugs: { projects: string; tasks: string; issues: string; media: string | null }
  /** where "Back to my work" goes */
  homeHref: string
  /** the project's workflow stages by id: their type and name */
  stages: Record<string, { type: string; name: string }>
}

type Phase =
  | { kind: 'loading' }
  | { kind: 'working' }
  | { kind: 'empty' }
  | { kind: 'paused'; message: string }
  | { kind: 'lost'; message: string }
  | { kind: 'refused'; status: number; message: string }
  /** a training project: the submission's score against gold, before the next task (or another attempt) */
  | { kind: 'scored'; taskId: string | number; result: TrainingScore }
type SaveState = { kind: 'saved' | 'saving' | 'dirty' } | { kind: 'failed'; message: string }

export function AnnotateClient({ projectId, projectName, apiRoute, slugs, homeHref, stages }: AnnotateClientProps) {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const [claim, setClaim] = useState<Claim | null>(null)
  const [label, setLabel] = useState<LabelDocument>({ objects: [], classifications: [] })
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [drawingId, setDrawingId] = useState<string | null>(null)
  const [save, setSave] = useState<SaveState>({ kind: 'saved' })
  const [notice, setNotice] = useState<string | null>(null)
  /** a word that something worked (an issue raised): shown apart from problems, and it goes by itself */
  const [done, setDone] = useState<string | null>(null)
  useEffect(() => {
    if (!done) return
    const id = setTimeout(() => setDone(null), 6_000)
    return () => clearTimeout(id)
  }, [done])
  const [busy, setBusy] = useState(false)
  const [skipping, setSkipping] = useState(false)
  const [skipReason, setSkipReason] = useState('')
  const [imageSrc, setImageSrc] = useState<string | null>(null)
  const [leaseUntil, setLeaseUntil] = useState<string | null>(null)
  const [raising, setRaising] = useState<IssueTarget | null>(null)
  // a video item: the frame shown, where new objects and issues go (, and . step frames)
  const video = useVideoFrames(claim?.dataItem, { keys: phase.kind === 'working' })
  const frame = video?.frame ?? null
  const frameRef = useRef(frame)
  frameRef.current = frame

  const api = apiRoute.replace(/\/$/, '')
  const taskUrl = (id: string | number, action: string) => `${api}/${slugs.tasks}/${encodeURIComponent(String(id))}/${action}`
  const labelRef = useRef(label)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const chain = useRef<Promise<boolean>>(Promise.resolve(true))
  const dirty = useRef(false)
  const activeTime = useActiveTime()
  const claimRef = useRef<Claim | null>(null)
  claimRef.current = claim

  const ontology: OntologyStructure = useMemo(
    () => ({ objects: claim?.ontology?.objects ?? [], classifications: claim?.ontology?.classifications ?? [] }),
    [claim],
  )
  const classes = useMemo(
    () =>
      ontology.objects.map((object, index) => ({
        ...object,
        colour: colourOf(object, index),
        drawable: canLabel(claim?.dataItem.type, object.shape),
      })),
    [ontology, claim],
  )
  const drawableClasses = classes.filter((object) => object.drawable)
  const drawing: DrawingClass | null = useMemo(() => {
    if (drawingId === ISSUE_PIN) return { id: ISSUE_PIN, shape: 'point', colour: '#e5484d', name: 'Issue' }
    const found = classes.find((object) => object.id === drawingId)
    return found?.drawable && isDrawable(found.shape) ? { id: found.id, shape: found.shape, colour: found.colour, name: found.name } : null
  }, [classes, drawingId])
  // a text-span class chosen on a text item: words selected become its spans
  const spanDrawing = useMemo(() => {
    const found = classes.find((object) => object.id === drawingId)
    return found?.drawable && found.shape === 'text-span' ? { id: found.id, colour: found.colour, name: found.name } : null
  }, [classes, drawingId])

  // ------------------------------------------------------------------------------------------ claiming
  const claimOnce = useCallback(
    async (taskId?: string | number) => {
      setPhase({ kind: 'loading' })
      setNotice(null)
      // the next task, or (a training retry) that one task again
      const url =
        taskId === undefined
          ? `${api}/${slugs.projects}/${encodeURIComponent(projectId)}/next`
          : `${api}/${slugs.tasks}/${encodeURIComponent(String(taskId))}/claim`
      const response = await fetch(url, { method: 'POST', credentials: 'include' }).catch(() => null)
      if (!response)
        return setPhase({ kind: 'refused', status: 0, message: 'The server cannot be reached. Check your connection and try again.' })
      if (response.status === 204) {
        setClaim(null)
        return setPhase({ kind: 'empty' })
      }
      if (response.status === 423) return setPhase({ kind: 'paused', message: await problemOf(response) })
      if (!response.ok) return setPhase({ kind: 'refused', status: response.status, message: await problemOf(response) })
      const answer = (await response.json()) as Claim
      // no label of one's own yet: start from the task's imported pre-label, saved as one's draft on the first save
      const fromPreLabel = !answer.label && Boolean(answer.preLabel)
      const document = toLabelDocument(fromPreLabel ? answer.preLabel : answer.label)
      labelRef.current = document
      dirty.current = fromPreLabel
      activeTime.restart()
      setLabel(document)
      setClaim(answer)
      setLeaseUntil(answer.leaseExpiresAt)
      setSelectedId(null)
      setDrawingId(null)
      setSkipping(false)
      setSkipReason('')
      setRaising(null)
      setSave({ kind: fromPreLabel ? 'dirty' : 'saved' })
      setPhase({ kind: 'working' })
    },
    [api, projectId, slugs.projects, slugs.tasks, stages, activeTime],
  )
  const claiming = useRef<Promise<void> | null>(null)
  const claimNext = useCallback(
    (taskId?: string | number) => {
      // one claim at a time (a double-mounted effect or a double key press asks once)
      claiming.current ??= claimOnce(taskId).finally(() => {
        claiming.current = null
      })
      return claiming.current
    },
    [claimOnce],
  )

  useEffect(() => {
    void claimNext()
  }, [claimNext])

  // the image: a URL, or the host's uploaded media (its URL read through REST)
  useEffect(() => {
    setImageSrc(null)
    const source = claim?.dataItem.source
    if (!source) return
    if (source.url) return setImageSrc(source.url)
    const media = source.media as { url?: string } | string | number | null | undefined
    if (media && typeof media === 'object' && media.url) return setImageSrc(media.url)
    if (media != null && typeof media !== 'object' && slugs.media) {
      let cancelled = false
      void fetch(`${api}/${slugs.media}/${encodeURIComponent(String(media))}?depth=0`, { credentials: 'include' })
        .then((response) => (response.ok ? response.json() : null))
        .then((doc: { url?: string } | null) => !cancelled && doc?.url && setImageSrc(doc.url))
      return () => {
        cancelled = true
      }
    }
  }, [claim, api, slugs.media])

  // ---------------------------------------------------------------------------------- saving drafts
  const lost = useCallback((message: string) => {
    if (timer.current) clearTimeout(timer.current)
    setPhase({ kind: 'lost', message })
  }, [])

  const saveNow = useCallback((): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    chain.current = chain.current.then(async () => {
      const current = claimRef.current
      if (!dirty.current || !current) return true
      dirty.current = false
      setSave({ kind: 'saving' })
      const response = await fetch(taskUrl(current.task.id, 'label'), {
        method: 'PUT',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(labelRef.current),
      }).catch(() => null)
      if (response?.ok) {
        setSave(dirty.current ? { kind: 'dirty' } : { kind: 'saved' })
        return true
      }
      dirty.current = true
      if (!response)
        setSave({
          kind: 'failed',
          message: 'Not saved: the server cannot be reached. Your work is kept here; it is saved again on your next change.',
        })
      else if (response.status === 409) lost(await problemOf(response))
      else if (response.status === 423) setPhase({ kind: 'paused', message: await problemOf(response) })
      else setSave({ kind: 'failed', message: await problemOf(response) })
      return false
    })
    return chain.current
  }, [lost, api, slugs.tasks])

  const edit = useCallback(
    (next: LabelDocument) => {
      labelRef.current = next
      dirty.current = true
      setLabel(next)
      setSave({ kind: 'dirty' })
      if (timer.current) clearTimeout(timer.current)
      timer.current = setTimeout(() => void saveNow(), 600)
    },
    [saveNow],
  )

  // a draft not yet sent goes out when the page is left
  useEffect(() => {
    const leave = () => {
      const current = claimRef.current
      if (!dirty.current || !current) return
      void fetch(taskUrl(current.task.id, 'label'), {
        method: 'PUT',
        credentials: 'include',
        keepalive: true,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(labelRef.current),
      })
    }
    window.addEventListener('pagehide', leave)
    return () => window.removeEventListener('pagehide', leave)
  }, [api, slugs.tasks])

  // --------------------------------------------------------------------------------------- the lease
  useEffect(() => {
    if (phase.kind !== 'working' || !claim) return
    // a third of the remaining lease, between 15 s and 5 min
    const remaining = new Date(claim.leaseExpiresAt).getTime() - Date.now()
    const every = Math.min(5 * 60_000, Math.max(15_000, remaining / 3))
    const beat = async () => {
      const response = await fetch(taskUrl(claim.task.id, 'heartbeat'), { method: 'POST', credentials: 'include' }).catch(() => null)
      if (!response) return
      if (response.ok) setLeaseUntil(((await response.json()) as { leaseExpiresAt: string }).leaseExpiresAt)
      else if (response.status === 409) lost(await problemOf(response))
      else if (response.status === 423) setPhase({ kind: 'paused', message: await problemOf(response) })
    }
    const id = setInterval(() => void beat(), every)
    return () => clearInterval(id)
  }, [phase.kind, claim, lost])

  // ----------------------------------------------------------------------------------- task actions
  const act = useCallback(
    async (action: 'submit' | 'skip', note?: string) => {
      const current = claimRef.current
      if (!current || busy) return
      setBusy(true)
      setNotice(null)
      try {
        if (action === 'submit' && !(await saveNow())) return
        const outcome = await postTaskRequest(taskUrl(current.task.id, action), {
          expectedVersion: current.task.version,
          timeSpentMs: activeTime.read(),
          ...(note ? { note } : {}),
        })
        if (outcome.kind === 'ok') {
          dirty.current = false
          // a training project answers the score against gold: shown before the next task
          const answer = (await outcome.response.json().catch(() => null)) as { score?: TrainingScore | null } | null
          if (action === 'submit' && answer?.score) return setPhase({ kind: 'scored', taskId: current.task.id, result: answer.score })
          return void (await claimNext())
        }
        if (outcome.kind === 'paused') return setPhase({ kind: 'paused', message: outcome.message })
        if (outcome.kind === 'lost') return lost(outcome.message)
        setNotice(outcome.message)
      } finally {
        setBusy(false)
      }
    },
    [busy, saveNow, claimNext, lost, api, slugs.tasks, activeTime],
  )

  const reviewing = Boolean(claim && stages[claim.task.stage]?.type === 'review')

  // rework: each open issue pinned to its item, fixed once that item changed (what submit resolves)
  const snapshot = (claim?.label as { reviewedSnapshot?: LabelDocument | null } | null)?.reviewedSnapshot ?? null
  const pinned = useMemo(() => pinIssues(claim?.issues ?? [], snapshot, label), [claim, snapshot, label])
  const issueMark = (objectId: string): ShapeMark | undefined => {
    const about = pinned.filter((entry) => entry.pinnedTo === objectId)
    if (about.length === 0) return undefined
    return about.every((entry) => entry.fixed) ? 'fixed' : 'issue'
  }
  const titleOf = (pinnedTo: string) => {
    if (pinnedTo.startsWith('classification:')) {
      const featureId = pinnedTo.slice('classification:'.length)
      return ontology.classifications.find((candidate) => candidate.id === featureId)?.name ?? featureId
    }
    return objectTitle(label, pinnedTo, classes)
  }

  // what still needs an answer before submit: classifications, and the attributes of each object
  const missing = [...missingRequired(label.classifications, ontology.classifications), ...missingAttributes(label, ontology, titleOf)]
  const selectedObject = label.objects.find((object) => object.id === selectedId)
  const selectedAttributes = ontology.objects.find((object) => object.id === selectedObject?.featureId)?.attributes ?? []

  /** An issue raised now: on the selected object, else on the frame shown (a video), else on the whole item. */
  const raiseTarget = (objectId: string | null): IssueTarget =>
    objectId && label.objects.some((object) => object.id === objectId)
      ? { kind: 'label', objectId, title: titleOf(objectId) }
      : frame !== null
        ? { kind: 'frame', frame }
        : { kind: 'data-unit' }

  /** Choose an object (from a list): on a video, its frame is shown. */
  const pick = (objectId: string) => {
    setSelectedId(objectId)
    const on = label.objects.find((object) => object.id === objectId)?.frame
    if (typeof on === 'number') video?.setFrame(on)
  }

  // -------------------------------------------------------------------------------------- shortcuts
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return
      if (phase.kind !== 'working') {
        if (event.key === 'n' || event.key === 'N') void claimNext()
        return
      }
      if (skipping || reviewing || raising) return // the review has its own keys (ReviewTask); the issue form its own
      const chosen = classForKey(ontology, event.key, claimRef.current?.dataItem.type)
      if (chosen) {
        setDrawingId(chosen.id)
        setSelectedId(null)
      } else if (event.key === 'Escape') {
        setDrawingId(null)
        setSelectedId(null)
      } else if ((event.key === 'Delete' || event.key === 'Backspace') && selectedId) {
        event.preventDefault()
        edit(removeObject(labelRef.current, selectedId))
        setSelectedId(null)
      } else if (event.key === 'Enter') {
        event.preventDefault()
        void act('submit')
      } else if (event.key === 's' || event.key === 'S') {
        event.preventDefault()
        setSkipping(true)
      } else if (event.key === 'i' || event.key === 'I') {
        event.preventDefault()
        setRaising(raiseTarget(selectedId))
      } else if (event.key === 'v' || event.key === 'V') setDrawingId(null)
      else return
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [phase.kind, skipping, reviewing, raising, ontology, selectedId, edit, act, claimNext, raiseTarget])

  // --------------------------------------------------------------------------------------- editing
  const onCreate = useCallback(
    (featureId: string, geometry: unknown) => {
      if (featureId === ISSUE_PIN) {
        // the issue tool pins a point: the issue is raised there, nothing is drawn
        const point = geometry as { x: number; y: number }
        const on = frameRef.current
        setRaising({ kind: 'coordinate', x: point.x, y: point.y, ...(on === null ? {} : { frame: on }) })
        setDrawingId(null)
        return
      }
      const current = labelRef.current
      const id = newObjectId(current, () => crypto.randomUUID())
      const on = frameRef.current
      edit(addObject(current, { id, featureId, geometry, ...(on === null ? {} : { frame: on }) }))
      setSelectedId(id)
    },
    [edit],
  )
  const onChange = useCallback((id: string, geometry: unknown) => edit(updateGeometry(labelRef.current, id, geometry)), [edit])
  const onImageError = useCallback((message: string) => setNotice(message), [])

  const { shapes, spans } = labelShapes(label, classes, issueMark, frame)

  // ------------------------------------------------------------------------------------------ states
  if (phase.kind === 'scored') {
    return (
      <div className="labelops-annotate">
        <TrainingScoreCard
          result={phase.result}
          classes={classes}
          classifications={ontology.classifications}
          onRetry={() => void claimNext(phase.taskId)}
          onNext={() => void claimNext()}
        />
      </div>
    )
  }
  if (phase.kind !== 'working' || !claim) {
    return (
      <div className="labelops-annotate">
        <StateCard phase={phase} projectName={projectName} homeHref={homeHref} onRetry={() => void claimNext()} />
      </div>
    )
  }

  const item = claim.dataItem
  const type = item.type ?? 'image'

  return (
    <div className="labelops-annotate" data-task={String(claim.task.id)}>
      <div className="labelops-annotate__bar">
        <div className="labelops-annotate__title">
          <strong>{item.name ?? `Item ${item.id}`}</strong>
          <span className="labelops-pill">{type}</span>
          <span className="labelops-pill">{stages[claim.task.stage]?.name ?? claim.task.stage}</span>
          {claim.task.status === 'reopened' && !reviewing ? <span className="labelops-pill labelops-pill--warn">rework</span> : null}
          {reviewing ? <span className="labelops-pill labelops-pill--review">review</span> : null}
        </div>
        <div className="labelops-annotate__status">
          {reviewing ? null : <SaveIndicator state={save} />}
          {leaseUntil ? <LeaseClock until={leaseUntil} /> : null}
        </div>
      </div>

      {done ? (
        <div className="labelops-notice labelops-notice--ok" role="status">
          <pre>{done}</pre>
        </div>
      ) : null}
      {notice ? (
        <div className="labelops-notice" role="alert">
          <pre>{notice}</pre>
          <button type="button" className="labelops-link" onClick={() => setNotice(null)}>
            dismiss
          </button>
        </div>
      ) : null}

      {reviewing && claim.consensus && !claim.consensus.agreement.resolution ? (
        <ConsensusResolve
          key={`resolve-${String(claim.task.id)}`}
          claim={claim as Claim & { consensus: NonNullable<Claim['consensus']> }}
          classes={classes}
          classifications={ontology.classifications}
          imageSrc={imageSrc}
          taskUrl={taskUrl}
          onResolved={(answer) =>
            // the review follows on the same claim: the resolved label, the task's new version
            setClaim((current) =>
              current && current.consensus
                ? {
                    ...current,
                    task: { ...current.task, version: answer.version },
                    label: { ...(current.label as object), ...answer.label },
                    consensus: { ...current.consensus, agreement: answer.consensusAgreement },
                  }
                : current,
            )
          }
          onLost={lost}
          onPaused={(message) => setPhase({ kind: 'paused', message })}
          onImageError={onImageError}
          video={video}
        />
      ) : reviewing ? (
        <ReviewTask
          key={String(claim.task.id)}
          claim={claim}
          classes={classes}
          classifications={ontology.classifications}
          imageSrc={imageSrc}
          taskUrl={taskUrl}
          activeTime={activeTime.read}
          onReviewed={() => void claimNext()}
          onLost={lost}
          onPaused={(message) => setPhase({ kind: 'paused', message })}
          onImageError={onImageError}
          video={video}
        />
      ) : (
        <div className="labelops-annotate__body">
          <aside className="labelops-annotate__tools" aria-label="Object classes">
            <h3>Tools</h3>
            <button
              type="button"
              className={`labelops-tool${drawing || spanDrawing ? '' : ' is-active'}`}
              onClick={() => setDrawingId(null)}
              title="Select, move and edit shapes (V or Esc)"
            >
              <span className="labelops-key">V</span> Select
            </button>
            <button
              type="button"
              disabled={type !== 'image' && type !== 'video'}
              className={`labelops-tool${drawingId === ISSUE_PIN ? ' is-active' : ''}`}
              onClick={() => {
                setDrawingId(ISSUE_PIN)
                setSelectedId(null)
              }}
              title={
                type === 'video'
                  ? 'Click a point of the frame to raise an issue there'
                  : 'Click a point of the image to raise an issue there'
              }
              data-tool="issue-pin"
            >
              <span className="labelops-key">!</span> Issue at a point
            </button>
            <h3>Classes</h3>
            {classes.length === 0 ? <p className="labelops-muted">The ontology has no object classes.</p> : null}
            {classes.map((object) => {
              const key = drawableClasses.indexOf(object) + 1
              const count = label.objects.filter((candidate) => candidate.featureId === object.id).length
              return (
                <button
                  key={object.id}
                  type="button"
                  disabled={!object.drawable}
                  className={`labelops-tool${drawingId === object.id ? ' is-active' : ''}`}
                  data-class={object.id}
                  onClick={() => {
                    setDrawingId(object.id)
                    setSelectedId(null)
                  }}
                  title={
                    object.drawable
                      ? object.shape === 'text-span'
                        ? 'Select words to label them'
                        : `Draw a ${object.shape}`
                      : `${object.shape} is not labelled on ${type} items in this editor yet`
                  }
                >
                  <span className="labelops-key">{object.drawable && key > 0 && key <= 9 ? key : ''}</span>
                  <span className="labelops-swatch" style={{ background: object.colour }} />
                  <span className="labelops-tool__label">
                    <span className="labelops-tool__name">{object.name}</span>
                    <span className="labelops-muted labelops-tool__shape">{object.shape}</span>
                  </span>
                  {count ? <span className="labelops-count">{count}</span> : null}
                </button>
              )
            })}
          </aside>

          <ItemStage
            item={item}
            imageSrc={imageSrc}
            video={video}
            marks={video ? frameMarks(label, classes, claim.issues ?? []) : undefined}
            shapes={shapes}
            spans={spans}
            spanDrawing={spanDrawing}
            drawing={drawing}
            selectedId={selectedId}
            onSelect={setSelectedId}
            onCreate={onCreate}
            onChange={onChange}
            onError={onImageError}
          />

          <aside className="labelops-annotate__side">
            {raising ? (
              <RaiseIssue
                issuesUrl={`${api}/${slugs.issues}`}
                taskId={claim.task.id}
                target={raising}
                onDone={(message) => {
                  setRaising(null)
                  if (message) setDone(message)
                }}
              />
            ) : null}
            <ReworkIssues pinned={pinned} label={label} titleOf={titleOf} onPick={pick} onFrame={video?.setFrame} />
            <section className="labelops-panel">
              <h3>Classifications</h3>
              {ontology.classifications.length === 0 ? <p className="labelops-muted">Nothing to answer for this item.</p> : null}
              <ClassificationForm
                classifications={ontology.classifications}
                answers={label.classifications}
                onChange={(answers: Answer[]) => edit({ ...labelRef.current, classifications: answers })}
              />
            </section>
            {selectedObject && selectedAttributes.length ? (
              <section className="labelops-panel" aria-label="Attributes of the selected object" data-attributes={selectedObject.id}>
                <h3>Attributes of {titleOf(selectedObject.id)}</h3>
                <ClassificationForm
                  path={`a-${selectedObject.id}`}
                  classifications={selectedAttributes}
                  answers={selectedObject.attributes ?? []}
                  onChange={(answers: Answer[]) => edit(setObjectAttributes(labelRef.current, selectedObject.id, answers))}
                />
              </section>
            ) : null}
            <section className="labelops-panel">
              <h3>Objects ({label.objects.length})</h3>
              {label.objects.length === 0 ? (
                <p className="labelops-muted">Choose a class (1–9) and draw on the {type === 'video' ? 'frame' : 'image'}.</p>
              ) : null}
              <ul className="labelops-objects">
                {label.objects.map((object) => {
                  const feature = classes.find((candidate) => candidate.id === object.featureId)
                  return (
                    <li key={object.id} className={object.id === selectedId ? 'is-selected' : ''}>
                      <button type="button" className="labelops-objects__pick" onClick={() => pick(object.id)}>
                        <span className="labelops-swatch" style={{ background: feature?.colour ?? '#888' }} />
                        {titleOf(object.id)}
                        <span className="labelops-muted">
                          {' '}
                          {typeof object.frame === 'number' ? `frame ${object.frame}` : feature?.shape}
                        </span>
                        {issueMark(object.id) === 'issue' ? <span className="labelops-pill labelops-pill--warn">issue</span> : null}
                        {issueMark(object.id) === 'fixed' ? <span className="labelops-pill labelops-pill--ok">fixed</span> : null}
                      </button>
                      <button
                        type="button"
                        className="labelops-link"
                        aria-label={`Delete ${titleOf(object.id)}`}
                        onClick={() => {
                          edit(removeObject(labelRef.current, object.id))
                          if (selectedId === object.id) setSelectedId(null)
                        }}
                      >
                        delete
                      </button>
                    </li>
                  )
                })}
              </ul>
            </section>
            <section className="labelops-panel labelops-actions">
              {missing.length ? <p className="labelops-muted">Still required: {missing.join(', ')}</p> : null}
              {skipping ? (
                <form
                  className="labelops-skip"
                  onSubmit={(event) => {
                    event.preventDefault()
                    if (skipReason.trim()) void act('skip', skipReason.trim())
                  }}
                >
                  <label htmlFor="labelops-skip-reason">Why skip this item?</label>
                  <textarea
                    id="labelops-skip-reason"
                    autoFocus
                    rows={2}
                    value={skipReason}
                    placeholder="e.g. the image is blurred, not the right kind of scene"
                    onChange={(event) => setSkipReason(event.target.value)}
                    onKeyDown={(event) => {
                      if (event.key === 'Escape') setSkipping(false)
                      if (event.key === 'Enter' && !event.shiftKey) {
                        event.preventDefault()
                        if (skipReason.trim()) void act('skip', skipReason.trim())
                      }
                    }}
                  />
                  <div className="labelops-actions__row">
                    <Button type="submit" buttonStyle="primary" size="small" disabled={busy || !skipReason.trim()}>
                      Skip task
                    </Button>
                    <Button type="button" buttonStyle="secondary" size="small" onClick={() => setSkipping(false)}>
                      Cancel
                    </Button>
                  </div>
                </form>
              ) : (
                <div className="labelops-actions__row">
                  <Button
                    buttonStyle="primary"
                    size="medium"
                    disabled={busy || missing.length > 0}
                    onClick={() => void act('submit')}
                    tooltip={missing.length ? `Answer ${missing.join(', ')} first` : 'Submit (Enter)'}
                    extraButtonProps={{ 'data-action': 'submit' }}
                  >
                    {busy ? 'Submitting…' : 'Submit'}
                  </Button>
                  <Button
                    buttonStyle="secondary"
                    size="medium"
                    disabled={busy}
                    onClick={() => setSkipping(true)}
                    extraButtonProps={{ 'data-action': 'skip' }}
                  >
                    Skip…
                  </Button>
                  <Button
                    buttonStyle="subtle"
                    size="medium"
                    disabled={busy}
                    onClick={() => setRaising(raiseTarget(selectedId))}
                    extraButtonProps={{ 'data-action': 'open-issue' }}
                    tooltip={
                      selectedId
                        ? 'Raise an issue on the selected object (I)'
                        : `Raise an issue on this ${frame === null ? 'item' : 'frame'} (I)`
                    }
                  >
                    Raise issue…
                  </Button>
                </div>
              )}
            </section>
            <details className="labelops-panel labelops-help">
              <summary>Keyboard shortcuts</summary>
              <dl>
                <dt>1–9</dt>
                <dd>choose a class and draw</dd>
                <dt>V / Esc</dt>
                <dd>select and edit</dd>
                <dt>Delete</dt>
                <dd>remove the selected shape</dd>
                <dt>Enter</dt>
                <dd>submit (or finish the polygon being drawn)</dd>
                <dt>S</dt>
                <dd>skip with a reason</dd>
                <dt>I</dt>
                <dd>raise an issue on the selected object (or the item)</dd>
                {video ? (
                  <>
                    <dt>, / .</dt>
                    <dd>previous / next frame (Shift: ten)</dd>
                    <dt>Home / End</dt>
                    <dd>first / last frame</dd>
                  </>
                ) : null}
                <dt>N</dt>
                <dd>next task (when none is open)</dd>
                <dt>wheel</dt>
                <dd>zoom at the cursor; 0 fits</dd>
                <dt>Space + drag</dt>
                <dd>pan (or the middle button)</dd>
              </dl>
            </details>
          </aside>
        </div>
      )}
    </div>
  )
}

function SaveIndicator({ state }: { state: SaveState }) {
  const text =
    state.kind === 'saved' ? 'Draft saved' : state.kind === 'saving' ? 'Saving…' : state.kind === 'dirty' ? 'Unsaved changes' : 'Not saved'
  return (
    <span
      className={`labelops-save labelops-save--${state.kind}`}
      data-save={state.kind}
      title={state.kind === 'failed' ? state.message : undefined}
    >
      {text}
      {state.kind === 'failed' ? <span className="labelops-save__why">: {state.message}</span> : null}
    </span>
  )
}

function LeaseClock({ until }: { until: string }) {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 15_000)
    return () => clearInterval(id)
  }, [])
  const minutes = Math.max(0, Math.round((new Date(until).getTime() - now) / 60_000))
  return (
    <span
      className="labelops-muted"
      title={`Your lease runs until ${new Date(until).toLocaleTimeString()}; it is extended while this page is open`}
    >
      held for {minutes} min
    </span>
  )
}

function StateCard({
  phase,
  projectName,
  homeHref,
  onRetry,
}: {
  phase: Phase
  projectName: string
  homeHref: string
  onRetry: () => void
}) {
  const content: Record<Phase['kind'], { title: string; body: string; detail?: string; retry?: string }> = {
    loading: { title: 'Finding your next task…', body: `Asking the queue of ${projectName}.` },
    working: { title: '', body: '' },
    empty: {
      title: 'Nothing left for you here',
      body: `Every task of ${projectName} you could work on is done, held by someone else or reserved for another person. New items and tasks sent back for rework show up here.`,
      retry: 'Check again (N)',
    },
    paused: {
      title: 'This project is not open for work',
      body: phase.kind === 'paused' ? phase.message : '',
      retry: 'Check again (N)',
    },
    lost: {
      title: 'Your lease on this task ended',
      body: 'You no longer hold this task: your lease lapsed or a manager released it, and it went back to the queue (or to someone else). Changes after your last saved draft were not kept.',
      detail: phase.kind === 'lost' ? phase.message : undefined,
      retry: 'Take the next task (N)',
    },
    refused: { title: 'You cannot work on this project', body: phase.kind === 'refused' ? phase.message : '', retry: 'Try again' },
    scored: { title: '', body: '' },
  }
  const { title, body, detail, retry } = content[phase.kind]
  return (
    <div
      className={`labelops-state labelops-state--${phase.kind}`}
      data-state={phase.kind}
      role={phase.kind === 'loading' ? 'status' : 'alert'}
    >
      <h2>{title}</h2>
      <p>{body}</p>
      {detail ? <p className="labelops-state__detail">{detail}</p> : null}
      <div className="labelops-actions__row">
        {retry ? (
          <Button buttonStyle="primary" size="medium" onClick={onRetry}>
            {retry}
          </Button>
        ) : null}
        {phase.kind !== 'loading' ? (
          <Button buttonStyle="secondary" size="medium" el="link" url={homeHref}>
            Back to my work
          </Button>
        ) : null}
      </div>
    </div>
  )
}
