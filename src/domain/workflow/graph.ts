import { z } from 'zod'

/**
 * A workflow graph is data: stages, and edges that leave a stage along a pathway. Pure module: no Payload.
 *
 * Stage types (Encord's): annotate, review, consensus (N independent annotators, then a resolution), router
 * (percentage — stable per task —, by collaborator, or by data-item metadata), and the end stages complete
 * and archive. Pathways: submit (annotate), approve / reject (review), resolve (consensus), and a router's
 * named branches.
 */
export const STAGE_TYPES = ['annotate', 'review', 'consensus', 'router', 'complete', 'archive'] as const
export type StageType = (typeof STAGE_TYPES)[number]

export const stageId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1-64 letters, digits, _ or -')
const pathwayName = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1-64 letters, digits, _ or -')
const ids = z.array(z.union([z.number(), z.string()]))

const assignment = { users: ids.optional(), groups: ids.optional() }

const percentageRouter = z
  .object({
    kind: z.literal('percentage'),
    branches: z.array(z.object({ pathway: pathwayName, weight: z.number().min(0).max(100) }).strict()).min(1, 'needs at least one branch'),
  })
  .strict()
const collaboratorRouter = z
  .object({
    kind: z.literal('collaborator'),
    /** who did the previous stage decides the branch; anyone else takes `otherwise` */
    branches: z.array(z.object({ pathway: pathwayName, ...assignment }).strict()).min(1, 'needs at least one branch'),
    otherwise: pathwayName,
  })
  .strict()
const metadataRouter = z
  .object({
    kind: z.literal('metadata'),
    rules: z
      .array(
        z
          .object({
            pathway: pathwayName,
            key: z.string().min(1),
            op: z.enum(['equals', 'not-equals', 'in', 'exists', 'gt', 'lt']),
            value: z.unknown().optional(),
          })
          .strict(),
      )
      .min(1, 'needs at least one rule'),
    otherwise: pathwayName,
  })
  .strict()

export const stageSchema = z.discriminatedUnion('type', [
  z
    .object({ id: stageId, type: z.literal('annotate'), name: z.string().min(1), config: z.object(assignment).strict().optional() })
    .strict(),
  z
    .object({
      id: stageId,
      type: z.literal('review'),
      name: z.string().min(1),
      config: z
        .object({ ...assignment, allowSelfReview: z.boolean().optional() })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      id: stageId,
      type: z.literal('consensus'),
      name: z.string().min(1),
      config: z
        .object({
          ...assignment,
          annotators: z.number().int(),
          reviewers: ids.optional(),
          /** a round agreeing at least this much (0..1) is resolved without a person: the best-agreeing branch */
          autoAcceptAt: z.number().min(0, 'is an agreement from 0 to 1').max(1, 'is an agreement from 0 to 1').optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      id: stageId,
      type: z.literal('router'),
      name: z.string().min(1),
      config: z.discriminatedUnion('kind', [percentageRouter, collaboratorRouter, metadataRouter]),
    })
    .strict(),
  z.object({ id: stageId, type: z.literal('complete'), name: z.string().min(1) }).strict(),
  z.object({ id: stageId, type: z.literal('archive'), name: z.string().min(1) }).strict(),
])

export const edgeSchema = z.object({ from: stageId, pathway: pathwayName, to: stageId }).strict()

export const graphSchema = z
  .object({
    /** the first stage of every task; default: the first stage listed */
    start: stageId.optional(),
    stages: z.array(stageSchema).min(1, 'needs at least one stage'),
    edges: z.array(edgeSchema),
  })
  .strict()

export type Stage = z.infer<typeof stageSchema>
export type Edge = z.infer<typeof edgeSchema>
export type WorkflowGraph = z.infer<typeof graphSchema>
export type RouterConfig = Extract<Stage, { type: 'router' }>['config']

export const isEndStage = (stage: Stage) => stage.type === 'complete' || stage.type === 'archive'
export const startStageId = (graph: WorkflowGraph) => graph.start ?? graph.stages[0]?.id

/** The pathways a stage must offer (and the only ones it may). */
export function pathwaysOf(stage: Stage): string[] {
  switch (stage.type) {
    case 'annotate':
      return ['submit']
    case 'review':
      return ['approve', 'reject']
    case 'consensus':
      return ['resolve']
    case 'router':
      return stage.config.kind === 'percentage'
        ? stage.config.branches.map((branch) => branch.pathway)
        : [
            ...new Set([
              ...(stage.config.kind === 'collaborator' ? stage.config.branches : stage.config.rules).map((b) => b.pathway),
              stage.config.otherwise,
            ]),
          ]
    default:
      return []
  }
}

export const stageById = (graph: WorkflowGraph, id: string) => graph.stages.find((stage) => stage.id === id)
export const edgeFrom = (graph: WorkflowGraph, from: string, pathway: string) =>
  graph.edges.find((edge) => edge.from === from && edge.pathway === pathway)
