'use client'
// One stage as the builder draws it: its type and name, a row per pathway with the handle its edge leaves from,
// and every validation problem of the stage written on it.
import { Handle, type Node, type NodeProps, Position } from '@xyflow/react'
import { memo } from 'react'

import { outputsOf, PALETTE, paletteKeyOf } from '../../src/domain/workflow/editing.ts'
import type { Stage } from '../../src/domain/workflow/graph.ts'

export type StageNodeData = { stage: Stage; problems: string[]; isStart: boolean; targets: Record<string, string> }
export type StageFlowNode = Node<StageNodeData, 'stage'>

const PATHWAY_TONE: Record<string, string> = { approve: 'good', reject: 'bad', submit: 'main', resolve: 'main' }

function StageNodeView({ data, selected }: NodeProps<StageFlowNode>) {
  const { stage, problems, isStart, targets } = data
  const kind = paletteKeyOf(stage)
  const label = PALETTE.find((entry) => entry.key === kind)?.label ?? stage.type
  const outputs = outputsOf(stage)
  const classes = ['labelops-stage', `labelops-stage--${stage.type}`, selected ? 'is-selected' : '', problems.length ? 'has-problems' : '']
  return (
    <div className={classes.filter(Boolean).join(' ')} data-stage={stage.id}>
      <Handle type="target" position={Position.Left} id="in" className="labelops-stage__in" />
      <div className="labelops-stage__head">
        <span className="labelops-stage__type">{label}</span>
        {isStart ? <span className="labelops-stage__start">Start</span> : null}
      </div>
      <div className="labelops-stage__name">{stage.name || <em>unnamed</em>}</div>
      <ul className="labelops-stage__outputs">
        {outputs.map((pathway) => (
          <li key={pathway} className={`labelops-stage__output tone-${PATHWAY_TONE[pathway] ?? 'branch'}`} data-pathway={pathway}>
            <span>{pathway}</span>
            <span className="labelops-stage__target">{targets[pathway] ? `→ ${targets[pathway]}` : 'not connected'}</span>
            <Handle type="source" position={Position.Right} id={pathway} className="labelops-stage__out" />
          </li>
        ))}
        {outputs.length === 0 && (stage.type === 'complete' || stage.type === 'archive') ? (
          <li className="labelops-stage__end">Tasks end here</li>
        ) : null}
      </ul>
      {problems.length ? (
        <ul className="labelops-stage__problems">
          {problems.map((problem, index) => (
            <li key={index}>{problem}</li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}

export const StageNode = memo(StageNodeView)
