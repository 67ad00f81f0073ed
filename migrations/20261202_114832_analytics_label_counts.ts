import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "project_actorKey_stage_type_hour_idx";
  ALTER TABLE "task_events" ADD COLUMN "subject_id" integer;
  ALTER TABLE "task_events" ADD COLUMN "labels_created" numeric;
  ALTER TABLE "task_events" ADD COLUMN "labels_edited" numeric;
  ALTER TABLE "task_events" ADD COLUMN "labels_deleted" numeric;
  ALTER TABLE "task_events" ADD COLUMN "labels_approved" numeric;
  ALTER TABLE "task_events" ADD COLUMN "labels_rejected" numeric;
  ALTER TABLE "task_rollups" ADD COLUMN "subject_id" integer;
  ALTER TABLE "task_rollups" ADD COLUMN "subject_key" varchar DEFAULT '' NOT NULL;
  ALTER TABLE "task_rollups" ALTER COLUMN "subject_key" DROP DEFAULT;
  ALTER TABLE "task_rollups" ADD COLUMN "labels_created" numeric DEFAULT 0 NOT NULL;
  ALTER TABLE "task_rollups" ADD COLUMN "labels_edited" numeric DEFAULT 0 NOT NULL;
  ALTER TABLE "task_rollups" ADD COLUMN "labels_deleted" numeric DEFAULT 0 NOT NULL;
  ALTER TABLE "task_rollups" ADD COLUMN "labels_approved" numeric DEFAULT 0 NOT NULL;
  ALTER TABLE "task_rollups" ADD COLUMN "labels_rejected" numeric DEFAULT 0 NOT NULL;
  ALTER TABLE "task_events" ADD CONSTRAINT "task_events_subject_id_users_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "task_rollups" ADD CONSTRAINT "task_rollups_subject_id_users_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "task_events_subject_idx" ON "task_events" USING btree ("subject_id");
  CREATE INDEX "task_rollups_subject_idx" ON "task_rollups" USING btree ("subject_id");
  CREATE UNIQUE INDEX "project_actorKey_subjectKey_stage_type_hour_idx" ON "task_rollups" USING btree ("project_id","actor_key","subject_key","stage","type","hour");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "task_events" DROP CONSTRAINT "task_events_subject_id_users_id_fk";
  
  ALTER TABLE "task_rollups" DROP CONSTRAINT "task_rollups_subject_id_users_id_fk";
  
  DROP INDEX "task_events_subject_idx";
  DROP INDEX "task_rollups_subject_idx";
  DROP INDEX "project_actorKey_subjectKey_stage_type_hour_idx";
  CREATE UNIQUE INDEX "project_actorKey_stage_type_hour_idx" ON "task_rollups" USING btree ("project_id","actor_key","stage","type","hour");
  ALTER TABLE "task_events" DROP COLUMN "subject_id";
  ALTER TABLE "task_events" DROP COLUMN "labels_created";
  ALTER TABLE "task_events" DROP COLUMN "labels_edited";
  ALTER TABLE "task_events" DROP COLUMN "labels_deleted";
  ALTER TABLE "task_events" DROP COLUMN "labels_approved";
  ALTER TABLE "task_events" DROP COLUMN "labels_rejected";
  ALTER TABLE "task_rollups" DROP COLUMN "subject_id";
  ALTER TABLE "task_rollups" DROP COLUMN "subject_key";
  ALTER TABLE "task_rollups" DROP COLUMN "labels_created";
  ALTER TABLE "task_rollups" DROP COLUMN "labels_edited";
  ALTER TABLE "task_rollups" DROP COLUMN "labels_deleted";
  ALTER TABLE "task_rollups" DROP COLUMN "labels_approved";
  ALTER TABLE "task_rollups" DROP COLUMN "labels_rejected";`)
}
