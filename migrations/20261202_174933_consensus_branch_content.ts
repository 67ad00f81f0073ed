import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "consensus_branches" ADD COLUMN "objects" jsonb;
  ALTER TABLE "consensus_branches" ADD COLUMN "classifications" jsonb;`)
  // branches submitted before: their annotator's label is still the branch (no later round reset it)
  await db.execute(sql`
    UPDATE "consensus_branches" AS b SET "objects" = coalesce(l."objects", '[]'::jsonb), "classifications" = coalesce(l."classifications", '[]'::jsonb)
      FROM "labels" AS l
     WHERE b."submitted_at" IS NOT NULL AND l."task_id" = b."task_id" AND l."author_id" = b."annotator_id";`)
  // rounds scored before resolution existed went on with their last submitter's label: recorded as resolved so
  // reviews in flight are not stopped
  await db.execute(sql`
    UPDATE "tasks" SET "consensus_agreement" = "consensus_agreement" || jsonb_build_object('resolution', jsonb_build_object(
           'mode', 'auto', 'by', null, 'at', now(), 'carrier', "last_actor_by_stage"->>'$annotator'))
     WHERE "consensus_agreement" IS NOT NULL AND NOT ("consensus_agreement" ? 'resolution');`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "consensus_branches" DROP COLUMN "objects";
  ALTER TABLE "consensus_branches" DROP COLUMN "classifications";`)
}
