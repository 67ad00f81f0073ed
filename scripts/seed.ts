// `npm run seed`: the demo — the Workspace "Acme Vision" with one person per workspace role and project seat,
// ontologies, generated images and texts, four projects (one per built-in workflow) with a month of work.
// Idempotent: running it again changes nothing. Runs on DATABASE_URI or the embedded Postgres.
import { WORKSPACE_ROLE_LABELS } from '../src/roles.ts'
import { withPayload } from './lib/withPayload.ts'
import { DEMO_PASSWORD, DEMO_PEOPLE } from './seed/people.ts'
import { seedDemo } from './seed/seedDemo.ts'

await withPayload(
  async (payload) => {
    const started = Date.now()
    const result = await seedDemo(payload)
    const seats = { admin: 'project Admin', 'team-manager': 'Team Manager', reviewer: 'Reviewer', annotator: 'Annotator' } as const
    console.log(`\nWorkspace "Acme Vision" — every password is ${DEMO_PASSWORD}`)
    for (const person of DEMO_PEOPLE) {
      const seat = 'seat' in person ? `, ${seats[person.seat]}` : ''
      console.log(`  ${person.email.padEnd(30)} ${WORKSPACE_ROLE_LABELS[person.workspaceRole]}${seat}`)
    }
    if (result.made === 0 && result.worked.length === 0) console.log('\nAlready seeded: nothing to do.')
    else {
      console.log(
        `\nMade ${result.made} documents; worked ${result.worked.length} projects (${result.events} journal events over 30 days):`,
      )
      for (const name of result.worked) console.log(`  ${name}`)
    }
    console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s. npm run dev, then sign in at http://localhost:3000/admin`)
    return 0
  },
  (error) => {
    console.error(error)
    console.error(
      '\nThe seed stopped half-way. Delete the Acme Vision workspace (as a super-admin) or reset the database, then run it again.',
    )
  },
)
