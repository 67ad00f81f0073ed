import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "task_events" ADD COLUMN "held_ms" numeric;
  ALTER TABLE "task_rollups" ADD COLUMN "held_ms" numeric DEFAULT 0 NOT NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "task_events" DROP COLUMN "held_ms";
  ALTER TABLE "task_rollups" DROP COLUMN "held_ms";`)
}
