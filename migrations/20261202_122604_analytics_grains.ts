import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "task_rollups_updated_at_idx";
  DROP INDEX "task_rollups_created_at_idx";
  DROP INDEX "project_actorKey_subjectKey_stage_type_hour_idx";
  DROP INDEX "project_hour_idx";
  DROP INDEX "workspace_hour_idx";
  ALTER TABLE "task_rollups" ADD COLUMN "grain" varchar DEFAULT 'hour' NOT NULL;
  ALTER TABLE "task_rollups" ALTER COLUMN "grain" DROP DEFAULT;
  CREATE UNIQUE INDEX "project_grain_hour_actorKey_subjectKey_stage_type_idx" ON "task_rollups" USING btree ("project_id","grain","hour","actor_key","subject_key","stage","type");
  CREATE INDEX "workspace_grain_hour_idx" ON "task_rollups" USING btree ("workspace_id","grain","hour");
  ALTER TABLE "task_rollups" DROP COLUMN "updated_at";
  ALTER TABLE "task_rollups" DROP COLUMN "created_at";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "project_grain_hour_actorKey_subjectKey_stage_type_idx";
  DROP INDEX "workspace_grain_hour_idx";
  ALTER TABLE "task_rollups" ADD COLUMN "updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL;
  ALTER TABLE "task_rollups" ADD COLUMN "created_at" timestamp(3) with time zone DEFAULT now() NOT NULL;
  CREATE INDEX "task_rollups_updated_at_idx" ON "task_rollups" USING btree ("updated_at");
  CREATE INDEX "task_rollups_created_at_idx" ON "task_rollups" USING btree ("created_at");
  CREATE UNIQUE INDEX "project_actorKey_subjectKey_stage_type_hour_idx" ON "task_rollups" USING btree ("project_id","actor_key","subject_key","stage","type","hour");
  CREATE INDEX "project_hour_idx" ON "task_rollups" USING btree ("project_id","hour");
  CREATE INDEX "workspace_hour_idx" ON "task_rollups" USING btree ("workspace_id","hour");
  ALTER TABLE "task_rollups" DROP COLUMN "grain";`)
}
