// The "Scores" tab of a project (/admin/collections/projects/:id/scores): in a benchmark or training project each
// annotator's standing against the gold labels (the scores operation checks the caller's rights: those who run
// the project see everyone, an annotator their own row); in a standard project, which benchmark screens its
// annotators, or how to set one up.
import { Gutter } from '@payloadcms/ui'
import type { DocumentViewServerProps } from 'payload'

import { getOptions } from '../../src/context.ts'
import { parseDocumentId } from '../../src/domain/ids.ts'
import { isScoredKind } from '../../src/domain/projects/kinds.ts'
import { loadProjectContext } from '../../src/operations/projectContext.ts'
import { peopleByIds } from '../../src/operations/peopleByIds.ts'
import { scoredResults } from '../../src/operations/scoredResults.ts'
import { benchmarkOf } from '../../src/sql/quality/scoredRows.ts'
import { requireViewUser, ViewRefusal, viewProblem } from '../shared/AdminView.tsx'
import { ScoresClient } from './ScoresClient.tsx'
import '../shared/labelops.css'
import '../analytics/analytics.css'

export async function ScoresTab(props: DocumentViewServerProps) {
  const req = requireViewUser(props)
  const { slugs } = getOptions(req.payload)
  const collection = req.payload.collections[slugs.projects]?.config
  const plural = collection?.labels?.plural
  const adminRoute = req.payload.config.routes.admin
  let content
  try {
    const id = parseDocumentId(props.initPageResult.docID ?? props.doc?.id)
    if (id === undefined) throw new Error('no project')
    const { project } = await loadProjectContext(req, id)
    const stepNav = { pluralLabel: typeof plural === 'string' ? plural : 'Projects', useAsTitle: collection?.admin?.useAsTitle ?? 'id' }
    const benchmark = project.requiresBenchmark === null ? null : await benchmarkOf(req, project.requiresBenchmark)
    const standard = {
      benchmark: benchmark
        ? {
            name: benchmark.name,
            passScore: benchmark.passScore,
            href: `${adminRoute === '/' ? '' : adminRoute}/collections/${slugs.projects}/${encodeURIComponent(String(benchmark.id))}/scores`,
          }
        : null,
    }
    if (!isScoredKind(project.kind) && !project.honeypots.enabled) {
      content = <ScoresClient projectId={String(project.id)} slugs={{ projects: slugs.projects }} stepNav={stepNav} standard={standard} />
    } else {
      const results = await scoredResults({ req, input: { project: id } })
      const people = await peopleByIds(
        req,
        results.annotators.map((row) => String(row.annotator)),
      )
      content = (
        <ScoresClient
          projectId={String(project.id)}
          slugs={{ projects: slugs.projects }}
          stepNav={stepNav}
          standard={standard}
          results={{
            ...results,
            annotators: results.annotators.map((row) => ({
              ...row,
              annotator: String(row.annotator),
              name: people[String(row.annotator)]?.name || row.email || `User ${row.annotator}`,
            })),
            byDay: results.byDay.map((row) => ({ ...row, annotator: String(row.annotator) })),
          }}
        />
      )
    }
  } catch (error) {
    content =
      error instanceof Error && error.message === 'no project' ? (
        <ViewRefusal status={404} message="This address names no project." />
      ) : (
        <ViewRefusal {...viewProblem(error)} />
      )
  }
  return <Gutter className="labelops-scores-tab">{content}</Gutter>
}
