/**
 * A consensus round resolved into one label. Pure. Three ways, as a reviewer chooses (or the server, when the
 * round agrees well enough to auto-accept):
 * - `branch`: one annotator's branch, whole;
 * - `picks`: objects and classification answers picked one by one across the branches;
 * - `majority`: what more than half of the branches agree on. Objects are clustered branch by branch, best-
 *   agreeing first: each branch's objects are matched one-to-one (same class, at the threshold; see
 *   matching.ts) against the clusters so far, joining the matched ones and opening a cluster for the rest. A
 *   cluster with members from more than half the branches keeps its first member (the best-agreeing branch's
 *   drawing). A classification keeps the answer more than half the branches gave exactly; with no majority, the
 *   best-agreeing branch's answer (a label needs its answers; the reviewer may pick another).
 */
import type { Answer } from './classifications.ts'
import { answerAgreement } from './classifications.ts'
import { labelSetOf, type OntologyShapes } from './labelSets.ts'
import { type Drawn, matchObjects, type MatchOptions } from './matching.ts'

/** A stored object: its id and feature, whatever else it carries (geometry, frame, attributes) kept as is. */
export type StoredObject = { id: string; featureId: string } & Record<string, unknown>
export type Branch = { annotator: string; objects: readonly StoredObject[]; classifications: readonly Answer[] }
export type Content = { objects: StoredObject[]; classifications: Answer[] }

export type ResolutionChoice =
  | { mode: 'branch'; branch: string }
  | {
      mode: 'picks'
      objects: ReadonlyArray<{ branch: string; id: string }>
      classifications: ReadonlyArray<{ branch: string; featureId: string }>
    }
  | { mode: 'majority' }

export type Problem = { path: string; message: string }

/**
 * The resolved label, or the choice's problems (each naming its place in the choice). `branches` come best-
 * agreeing first; the carrier — the branch whose label document holds the result — is the chosen branch, or
 * else the best-agreeing one.
 */
export function resolveConsensus(
  branches: readonly Branch[],
  choice: ResolutionChoice,
  { shapes, ...options }: MatchOptions & { shapes: OntologyShapes },
): { content: Content; carrier: string } | { problems: Problem[] } {
  if (branches.length === 0) return { problems: [{ path: 'resolution', message: 'the round has no submitted branches to resolve' }] }
  const byAnnotator = new Map(branches.map((branch) => [branch.annotator, branch]))
  const best = branches[0]!.annotator
  switch (choice.mode) {
    case 'branch': {
      const branch = byAnnotator.get(choice.branch)
      if (!branch) return { problems: [{ path: 'resolution.branch', message: notABranch(choice.branch, branches) }] }
      return { content: copy(branch), carrier: branch.annotator }
    }
    case 'picks': {
      const picked = pick(byAnnotator, choice, branches)
      return 'problems' in picked ? picked : { content: picked, carrier: best }
    }
    case 'majority':
      return { content: majority(branches, shapes, options), carrier: best }
  }
}

const notABranch = (annotator: string, branches: readonly Branch[]) =>
  `"${annotator}" submitted no branch in this round (its branches: ${branches.map((branch) => branch.annotator).join(', ')})`

const copy = (branch: Branch): Content => ({ objects: [...branch.objects], classifications: [...branch.classifications] })

function pick(
  byAnnotator: Map<string, Branch>,
  choice: Extract<ResolutionChoice, { mode: 'picks' }>,
  branches: readonly Branch[],
): Content | { problems: Problem[] } {
  const problems: Problem[] = []
  const objects: StoredObject[] = []
  const ids = new Map<string, number>()
  choice.objects.forEach(({ branch, id }, index) => {
    const path = `resolution.objects[${index}]`
    const from = byAnnotator.get(branch)
    if (!from) return problems.push({ path: `${path}.branch`, message: notABranch(branch, branches) })
    const object = from.objects.find((candidate) => candidate.id === id)
    if (!object) return problems.push({ path: `${path}.id`, message: `branch "${branch}" has no object "${id}"` })
    const earlier = ids.get(id)
    if (earlier !== undefined)
      return problems.push({
        path: `${path}.id`,
        message: `object "${id}" is picked already (resolution.objects[${earlier}]): a label holds each id once`,
      })
    ids.set(id, index)
    objects.push(object)
  })
  const classifications: Answer[] = []
  const features = new Map<string, number>()
  choice.classifications.forEach(({ branch, featureId }, index) => {
    const path = `resolution.classifications[${index}]`
    const from = byAnnotator.get(branch)
    if (!from) return problems.push({ path: `${path}.branch`, message: notABranch(branch, branches) })
    const answer = from.classifications.find((candidate) => candidate.featureId === featureId)
    if (!answer) return problems.push({ path: `${path}.featureId`, message: `branch "${branch}" did not answer "${featureId}"` })
    const earlier = features.get(featureId)
    if (earlier !== undefined)
      return problems.push({
        path: `${path}.featureId`,
        message: `"${featureId}" is answered already (resolution.classifications[${earlier}]): one answer per classification`,
      })
    features.set(featureId, index)
    classifications.push(answer)
  })
  return problems.length > 0 ? { problems } : { objects, classifications }
}

function majority(branches: readonly Branch[], shapes: OntologyShapes, options: MatchOptions): Content {
  const needed = Math.floor(branches.length / 2) + 1
  type Cluster = { first: StoredObject; branch: string; drawn: Drawn; members: number }
  const clusters: Cluster[] = []
  for (const branch of branches) {
    const drawn = labelSetOf(branch, shapes).objects
    const representatives = clusters.map((cluster) => cluster.drawn)
    const { matches } = matchObjects(drawn, representatives, options)
    const joined = new Map(matches.map((pair) => [pair.a, pair.b]))
    const clusterById = new Map(clusters.map((cluster) => [cluster.drawn.id, cluster]))
    drawn.forEach((object, index) => {
      const into = joined.get(object.id)
      if (into !== undefined) clusterById.get(into)!.members++
      else
        clusters.push({
          first: branch.objects[index]!,
          branch: branch.annotator,
          drawn: { ...object, id: `${clusters.length}` },
          members: 1,
        })
    })
    // cluster ids are positions, so two branches' equal object ids never collide; matched ids point at them
    for (const cluster of clusters) clusterById.set(cluster.drawn.id, cluster)
  }
  // branches number their objects on their own: an id kept twice (two branches' different objects) is made unique
  const ids = new Set<string>()
  const objects = clusters
    .filter((cluster) => cluster.members >= needed)
    .map((cluster) => {
      const id = ids.has(cluster.first.id) ? `${cluster.first.id}-${cluster.branch}` : cluster.first.id
      ids.add(id)
      return id === cluster.first.id ? cluster.first : { ...cluster.first, id }
    })

  const features = [...new Set(branches.flatMap((branch) => branch.classifications.map((answer) => answer.featureId)))]
  const classifications: Answer[] = []
  for (const featureId of features) {
    const answers = branches.map((branch) => branch.classifications.find((answer) => answer.featureId === featureId))
    const agreed = answers.find(
      (answer) => answer && answers.filter((other) => other && answerAgreement(answer, other) === 1).length >= needed,
    )
    const chosen = agreed ?? answers[0]
    if (chosen) classifications.push(chosen)
  }
  return { objects, classifications }
}
