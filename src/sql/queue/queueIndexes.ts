import { sql } from '@payloadcms/db-postgres/drizzle'
import { index, uniqueIndex } from '@payloadcms/db-postgres/drizzle/pg-core'
import type { Config } from 'payload'

import { schemaTable, type SchemaHookArgs, withSchemaHook } from '../../db/schemaHooks.ts'

/**
 * Partial indexes the queue's claim statement walks (Payload's `indexes` cannot say WHERE):
 * - the claimable rows in claim order: unreserved, unleased, not completed, by (project, priority desc, id);
 * - the leased rows by expiry, to find lapsed leases without scanning live ones;
 * - every task by (project, priority, id): the queue listing's keyset pages;
 * - UNIQUE (project, lease holder): one lease per person per project, so the claim needs no lock of its own
 *   (two claims sent at once by one person: the second fails on this index and is retried, getting the first's task).
 * And UNIQUE (workspace, email) over pending invitations: one open invitation per person per workspace.
 * Added through the Postgres adapter's afterSchemaInit, so push and migrations both carry them.
 */
export function withQueueIndexes(
  db: Config['db'],
  { tasks: tasksSlug, invitations: invitationsSlug }: { tasks: string; invitations: string },
): Config['db'] {
  return withSchemaHook(db, (args: SchemaHookArgs) => {
    const invitations = schemaTable(args, invitationsSlug)
    if (invitations) {
      const { name } = invitations
      args.extendTable({
        table: invitations.table,
        extraConfig: (t) => ({
          [`${name}_one_pending_idx`]: uniqueIndex(`${name}_one_pending_idx`)
            .on(t.workspace!, t.email!)
            .where(sql`${t.status} = 'pending'`),
        }),
      })
    }
    const tasks = schemaTable(args, tasksSlug)
    if (tasks) {
      const { name } = tasks
      args.extendTable({
        table: tasks.table,
        extraConfig: (t) => ({
          [`${name}_claimable_idx`]: index(`${name}_claimable_idx`)
            .on(t.project!, t.priority!.desc(), t.id!)
            .where(sql`${t.status} <> 'completed' and ${t.assignee} is null and ${t.leaseHolder} is null`),
          [`${name}_queue_idx`]: index(`${name}_queue_idx`).on(t.project!, t.priority!, t.id!),
          [`${name}_one_lease_idx`]: uniqueIndex(`${name}_one_lease_idx`)
            .on(t.project!, t.leaseHolder!)
            .where(sql`${t.leaseHolder} is not null`),
          [`${name}_leased_idx`]: index(`${name}_leased_idx`)
            .on(t.project!, t.leaseExpiresAt!)
            .where(sql`${t.leaseHolder} is not null`),
        }),
      })
    }
    return args.schema
  })
}
