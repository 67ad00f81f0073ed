import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "task_events_pending" (
  	"event_id" integer PRIMARY KEY NOT NULL
  );
  `)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  // the rollup triggers write to this table: without it they would fail every journal write (the next start
  // installs the triggers its version keeps, or none while the table is missing)
  await db.execute(sql`
   DROP TRIGGER IF EXISTS "labelops_rollup_task_events_add" ON "task_events";
   DROP TRIGGER IF EXISTS "labelops_rollup_task_events_take" ON "task_events";
   DROP TRIGGER IF EXISTS "labelops_rollup_task_events_move" ON "task_events";
   DROP TABLE "task_events_pending" CASCADE;`)
}
