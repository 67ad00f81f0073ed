import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "task_events" ADD COLUMN "agreement" numeric;
  ALTER TABLE "task_events" ADD COLUMN "agreement_rounds" numeric;
  ALTER TABLE "task_rollups" ADD COLUMN "agreement" numeric DEFAULT 0 NOT NULL;
  ALTER TABLE "task_rollups" ADD COLUMN "agreement_rounds" numeric DEFAULT 0 NOT NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "task_events" DROP COLUMN "agreement";
  ALTER TABLE "task_events" DROP COLUMN "agreement_rounds";
  ALTER TABLE "task_rollups" DROP COLUMN "agreement";
  ALTER TABLE "task_rollups" DROP COLUMN "agreement_rounds";`)
}
