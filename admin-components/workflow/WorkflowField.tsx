'use client'
// The no-code workflow builder (admin.components.Field of a template's `graph` and a project's `workflow`): stages
// from a palette, pathways drawn as edges from each stage's named outputs (or chosen in the side panel), automatic
// layout, and validateWorkflow() run on every change with each problem written on its stage. A built-in template
// opens read-only; a project with tasks keeps its stages and edges (names and assignments stay editable).
import { FieldDescription, FieldLabel, useConfig, useDocumentInfo, useFormFields, useTheme } from '@payloadcms/ui'
import {
  applyNodeChanges,
  Background,
  type Connection,
  Controls,
  type Edge as FlowEdge,
  MarkerType,
  type NodeChange,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from '@xyflow/react'
import '@xyflow/react/dist/style.css'
import type { JSONFieldClientComponent } from 'payload'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { createPortal } from 'react-dom'

import { useFocusTrap } from '../shared/useFocusTrap.ts'

import {
  addStage,
  connect,
  disconnect,
  editableGraph,
  PALETTE,
  type PaletteKey,
  problemsOfGraph,
  removeStage,
  setStart,
  updateStage,
} from '../../src/domain/workflow/editing.ts'
import { startStageId, type Stage, type WorkflowGraph } from '../../src/domain/workflow/graph.ts'
import { BUILT_IN_TEMPLATES } from '../../src/domain/workflow/templates.ts'
import { validateWorkflow } from '../../src/domain/workflow/validate.ts'
import { useFieldWithRefusal } from '../shared/useFieldWithRefusal.ts'
import { layoutGraph, NODE_WIDTH, type Point } from './layout.ts'
import { type StageFlowNode, StageNode } from './StageNode.tsx'
import { StagePanel } from './StagePanel.tsx'
import { usePeopleOptions } from './usePeopleOptions.ts'
import './workflow.css'

export type WorkflowFieldProps = {
  /** a template's graph, or the workflow a project runs (frozen once it has tasks) */
  kind: 'template' | 'project'
  slugs: { tasks: string; workspaceMembers: string; userGroups: string }
}

const NODE_TYPES = { stage: StageNode }
const EDGE_TONE: Record<string, string> = { approve: 'good', reject: 'bad' }

export const WorkflowField: JSONFieldClientComponent = (props) => (
  <ReactFlowProvider>
    <WorkflowBuilder {...props} />
  </ReactFlowProvider>
)

const WorkflowBuilder: JSONFieldClientComponent = (props) => {
  const { path, field, readOnly: readOnlyProp } = props
  const { kind, slugs } = props as unknown as WorkflowFieldProps
  const { config } = useConfig()
  const { id, savedDocumentData } = useDocumentInfo()
  const { theme } = useTheme()
  const { value, setValue, refusal, disabled } = useFieldWithRefusal(path)
  const workspace = useFormFields(([fields]) => fields.workspace?.value)
  const builtIn = useFormFields(([fields]) => fields.builtIn?.value) === true
  const people = usePeopleOptions(workspace, slugs)
  const template = useFormFields(([fields]) => fields.workflowTemplate?.value)
  const frozen = useFrozen(
    kind === 'project' ? id : undefined,
    slugs.tasks,
    `${config.serverURL}${config.routes.api}`,
    savedDocumentData?.updatedAt,
  )

  const setGraph = (next: WorkflowGraph) => setValue(next)

  const readOnly = Boolean(readOnlyProp || disabled || builtIn)
  const structureLocked = readOnly || frozen
  const graph = useMemo(() => editableGraph(value), [value])
  const validation = useMemo(() => (graph ? validateWorkflow(graph) : null), [graph])
  const problems = useMemo(
    () => (graph && validation && !validation.ok ? problemsOfGraph(graph, validation.problems) : new Map<string, string[]>()),
    [graph, validation],
  )
  const [selected, setSelected] = useState<string | null>(null)
  const [selectedEdge, setSelectedEdge] = useState<string | null>(null)
  const selectedStage = graph?.stages.find((stage) => stage.id === selected) ?? null

  // a stage stays where it was first laid out or dragged to (wiring never moves what someone is looking at); a new
  // stage lands right of the others; Tidy layout lays everything out afresh
  const structureKey = graph ? JSON.stringify([graph.stages.map((stage) => stage.id), graph.edges]) : ''
  const [layoutRound, setLayoutRound] = useState(0)
  const placed = useRef(new Map<string, Point>())
  const positions = useMemo(
    () => (graph ? layoutGraph(graph, new Map([...problems].map(([stage, list]) => [stage, list.length]))) : new Map<string, Point>()),
    [structureKey, layoutRound],
  )
  const [nodes, setNodes] = useState<StageFlowNode[]>([])
  const [expanded, setExpanded] = useState(false)
  // every stage in sight when one is added or removed (a new one lands beyond the edge), after Tidy and on resizing
  const flow = useReactFlow()
  const stageCount = graph?.stages.length ?? 0
  useEffect(() => {
    const frame = requestAnimationFrame(() => void flow.fitView({ padding: 0.12, maxZoom: 1 }))
    return () => cancelAnimationFrame(frame)
  }, [flow, stageCount, layoutRound, expanded])
  // full screen is modal: focus stays in the builder until Escape or "Close full screen"
  const frameRef = useRef<HTMLDivElement>(null)
  // leaving full screen draws the builder afresh in the form: an edit that saves on blur (a branch's name) is
  // blurred first, so it is kept
  const leaveFullScreen = () => {
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur()
    setExpanded(false)
  }
  useFocusTrap(frameRef, expanded, leaveFullScreen)
  // back from full screen, focus returns to its button (the builder is drawn afresh in the form)
  const expandButton = useRef<HTMLButtonElement>(null)
  const wasExpanded = useRef(false)
  useEffect(() => {
    if (wasExpanded.current && !expanded) expandButton.current?.focus()
    wasExpanded.current = expanded
  }, [expanded])
  useEffect(() => {
    if (!graph) return setNodes([])
    const start = startStageId(graph)
    const targets = (stage: Stage) =>
      Object.fromEntries(
        graph.edges
          .filter((edge) => edge.from === stage.id)
          .map((edge) => [edge.pathway, graph.stages.find((one) => one.id === edge.to)?.name ?? edge.to]),
      )
    for (const id of placed.current.keys()) if (!graph.stages.some((stage) => stage.id === id)) placed.current.delete(id)
    const fresh = placed.current.size === 0
    const placeOf = (id: string): Point => {
      let at = placed.current.get(id)
      if (!at) {
        const others = [...placed.current.values()]
        at =
          fresh || others.length === 0
            ? (positions.get(id) ?? { x: 0, y: 0 })
            : { x: Math.max(...others.map((one) => one.x)) + NODE_WIDTH + 60, y: Math.min(...others.map((one) => one.y)) }
        placed.current.set(id, at)
      }
      return at
    }
    setNodes((previous) =>
      graph.stages.map((stage) => {
        const before = previous.find((node) => node.id === stage.id)
        return {
          ...before,
          id: stage.id,
          type: 'stage' as const,
          position: placeOf(stage.id),
          data: { stage, problems: problems.get(stage.id) ?? [], isStart: stage.id === start, targets: targets(stage) },
          selected: stage.id === selected,
          deletable: !structureLocked,
          connectable: !structureLocked,
        }
      }),
    )
  }, [graph, positions, problems, selected, structureLocked])

  const edges = useMemo<FlowEdge[]>(
    () =>
      (graph?.edges ?? []).map((edge) => {
        const key = `${edge.from}|${edge.pathway}`
        return {
          id: key,
          source: edge.from,
          sourceHandle: edge.pathway,
          target: edge.to,
          targetHandle: 'in',
          selected: selectedEdge === key,
          deletable: !structureLocked,
          className: `labelops-edge tone-${EDGE_TONE[edge.pathway] ?? 'main'}`,
          markerEnd: { type: MarkerType.ArrowClosed },
        }
      }),
    [graph, selectedEdge, structureLocked],
  )

  const onNodesChange = useCallback((changes: NodeChange<StageFlowNode>[]) => {
    for (const change of changes) {
      if (change.type === 'position' && change.position) placed.current.set(change.id, change.position)
      if (change.type === 'select') setSelected((now) => (change.selected ? change.id : now === change.id ? null : now))
    }
    setNodes((current) => applyNodeChanges(changes, current))
  }, [])

  if (!graph) {
    return (
      <div className="field-type labelops-workflow" data-field={path}>
        <FieldLabel label={field.label} path={path} required={field.required} />
        {field.admin?.description ? <FieldDescription description={field.admin.description} path={path} /> : null}
        <div className="labelops-workflow__empty">
          {kind === 'project' && template ? (
            <p>The workflow template you chose is copied into this project when you save.</p>
          ) : (
            <p>
              {kind === 'project'
                ? 'This project runs no workflow yet. Choose a workflow template above, or start from a pattern:'
                : 'Start from a pattern, then add stages and draw pathways:'}
            </p>
          )}
          <div className="labelops-workflow__starters" hidden={kind === 'project' && Boolean(template)}>
            {Object.entries(BUILT_IN_TEMPLATES).map(([key, template]) => (
              <button
                key={key}
                type="button"
                className="labelops-workflow__starter"
                disabled={readOnly}
                onClick={() => setGraph(structuredClone(template.graph))}
                data-starter={key}
              >
                <strong>{template.name}</strong>
                <span>{template.description}</span>
              </button>
            ))}
          </div>
        </div>
      </div>
    )
  }

  const general = problems.get('') ?? []
  const problemCount = [...problems.values()].reduce((sum, list) => sum + list.length, 0)
  const add = (key: PaletteKey) => {
    const added = addStage(graph, key)
    setGraph(added.graph)
    setSelected(added.id)
  }
  const onConnect = (connection: Connection) => {
    if (structureLocked || !connection.sourceHandle) return
    setGraph(connect(graph, connection.source, connection.sourceHandle, connection.target))
  }

  // full screen is drawn over the whole page, outside the form (whose containment would keep it inside)
  const frame = (
    <div
      className={`labelops-workflow__frame${expanded ? ' is-expanded' : ''}`}
      ref={frameRef}
      tabIndex={-1}
      {...(expanded ? { role: 'dialog', 'aria-modal': true, 'aria-label': 'Workflow builder, full screen' } : {})}
    >
      <div className="labelops-workflow__toolbar nokey">
        {structureLocked ? (
          <span />
        ) : (
          <div className="labelops-workflow__palette" role="toolbar" aria-label="Add a stage">
            {PALETTE.map((entry) => (
              <button key={entry.key} type="button" title={entry.hint} onClick={() => add(entry.key)} data-add={entry.key}>
                + {entry.label}
              </button>
            ))}
          </div>
        )}
        <div className="labelops-workflow__view">
          <button
            type="button"
            onClick={() => {
              placed.current.clear()
              setLayoutRound((round) => round + 1)
            }}
          >
            Tidy layout
          </button>
          <button
            type="button"
            ref={expandButton}
            onClick={() => (expanded ? leaveFullScreen() : setExpanded(true))}
            aria-pressed={expanded}
            data-expand
          >
            {expanded ? 'Close full screen' : 'Full screen'}
          </button>
        </div>
      </div>
      <div className="labelops-workflow__body">
        <div className="labelops-workflow__canvas" data-problems={problemCount}>
          <ReactFlow<StageFlowNode, FlowEdge>
            nodes={nodes}
            edges={edges}
            nodeTypes={NODE_TYPES}
            colorMode={theme === 'dark' ? 'dark' : 'light'}
            onNodesChange={onNodesChange}
            onEdgesChange={(changes) => {
              for (const change of changes) if (change.type === 'select') setSelectedEdge(change.selected ? change.id : null)
            }}
            onConnect={onConnect}
            onDelete={({ nodes: stages, edges: pathways }) => {
              if (structureLocked) return
              // one update for both: React Flow reports the stages and the pathways of one deletion together
              let next = pathways.reduce((current, edge) => disconnect(current, edge.source, edge.sourceHandle ?? ''), graph)
              next = stages.reduce((current, node) => removeStage(current, node.id), next)
              setGraph(next)
              if (stages.length) setSelected(null)
            }}
            onPaneClick={() => {
              setSelected(null)
              setSelectedEdge(null)
            }}
            nodesConnectable={!structureLocked}
            deleteKeyCode={structureLocked ? null : 'Delete'}
            fitView
            fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
            minZoom={0.3}
          >
            <Background gap={20} />
            <Controls showInteractive={false} />
          </ReactFlow>
        </div>
        {selectedStage ? (
          <StagePanel
            key={selectedStage.id}
            graph={graph}
            stage={selectedStage}
            isStart={startStageId(graph) === selectedStage.id}
            problems={problems.get(selectedStage.id) ?? []}
            people={people}
            readOnly={readOnly}
            frozen={frozen}
            onChange={(stage, renamed) => setGraph(updateStage(graph, selectedStage.id, stage, renamed))}
            onConnect={(pathway, to) =>
              setGraph(to ? connect(graph, selectedStage.id, pathway, to) : disconnect(graph, selectedStage.id, pathway))
            }
            onMakeStart={() => setGraph(setStart(graph, selectedStage.id))}
            onRemove={() => {
              setGraph(removeStage(graph, selectedStage.id))
              setSelected(null)
            }}
          />
        ) : (
          <aside className="labelops-workflow__panel labelops-workflow__panel--idle nokey">
            <p>Select a stage to name it, assign people and choose where its pathways lead.</p>
            <p>Draw a pathway by dragging from an output on the right of a stage to another stage.</p>
          </aside>
        )}
      </div>
      <div className={`labelops-workflow__status nokey${problemCount ? ' has-problems' : ''}`} data-problem-count={problemCount}>
        {problemCount === 0 ? (
          'The workflow is valid: every stage is reachable and every task can complete.'
        ) : (
          <>
            <strong>
              {problemCount} {problemCount === 1 ? 'problem' : 'problems'} to fix before saving
            </strong>
            <ul>
              {general.map((message) => (
                <li key={message}>{message}</li>
              ))}
              {[...problems]
                .filter(([stage]) => stage !== '')
                .flatMap(([stage, list]) =>
                  list.map((message) => (
                    <li key={`${stage}|${message}`}>
                      <button type="button" onClick={() => setSelected(stage)}>
                        {graph.stages.find((one) => one.id === stage)?.name ?? stage}
                      </button>
                      : {message}
                    </li>
                  )),
                )}
            </ul>
          </>
        )}
      </div>
    </div>
  )

  return (
    <div className={`field-type labelops-workflow${refusal ? ' error' : ''}`} data-field={path}>
      <FieldLabel label={field.label} path={path} required={field.required} />
      {field.admin?.description ? <FieldDescription description={field.admin.description} path={path} /> : null}
      {refusal ? (
        <div className="labelops-workflow__refusal" role="alert">
          Not saved: {refusal}
        </div>
      ) : null}
      {builtIn ? <p className="labelops-workflow__note">A built-in pattern: read-only. Duplicate it to make your own.</p> : null}
      {frozen && !readOnly && kind === 'project' ? (
        <p className="labelops-workflow__note">
          This project has tasks: its stages and pathways are fixed. Names and who works each stage can still change.
        </p>
      ) : null}
      {expanded ? createPortal(frame, document.body) : frame}
    </div>
  )
}

/**
 * Whether a project's stages and edges are frozen (it has tasks), asked again after every save (a save that
 * attaches datasets creates tasks). Until the answer comes, or when it cannot be had, the structure is locked:
 * better a moment's wait than an edit the server refuses.
 */
function useFrozen(projectId: number | string | undefined, tasksSlug: string, api: string, savedAt: unknown): boolean {
  const [state, setState] = useState<'open' | 'frozen' | 'unknown'>('unknown')
  useEffect(() => {
    if (projectId === undefined || projectId === null) return setState('open')
    let live = true
    setState('unknown')
    void fetch(`${api}/${tasksSlug}/count?where[project][equals]=${encodeURIComponent(String(projectId))}`, { credentials: 'include' })
      .then(async (response) => {
        const body = response.ok ? ((await response.json()) as { totalDocs?: number }) : null
        if (live) setState(body && typeof body.totalDocs === 'number' ? (body.totalDocs > 0 ? 'frozen' : 'open') : 'unknown')
      })
      .catch(() => undefined)
    return () => {
      live = false
    }
  }, [projectId, tasksSlug, api, savedAt])
  return state !== 'open'
}
