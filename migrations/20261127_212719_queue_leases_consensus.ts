import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_projects_settings_skip_policy" AS ENUM('requeue-for-others', 'requeue-for-everyone');
  CREATE TABLE "consensus_branches" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"project_id" integer NOT NULL,
  	"task_id" integer NOT NULL,
  	"stage" varchar NOT NULL,
  	"round" numeric NOT NULL,
  	"annotator_id" integer NOT NULL,
  	"lease_expires_at" timestamp(3) with time zone,
  	"submitted_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "projects" ADD COLUMN "settings_skip_policy" "enum_projects_settings_skip_policy" DEFAULT 'requeue-for-others';
  ALTER TABLE "tasks" ADD COLUMN "round" numeric DEFAULT 1;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "consensus_branches_id" integer;
  ALTER TABLE "consensus_branches" ADD CONSTRAINT "consensus_branches_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "consensus_branches" ADD CONSTRAINT "consensus_branches_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "consensus_branches" ADD CONSTRAINT "consensus_branches_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "consensus_branches" ADD CONSTRAINT "consensus_branches_annotator_id_users_id_fk" FOREIGN KEY ("annotator_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "consensus_branches_workspace_idx" ON "consensus_branches" USING btree ("workspace_id");
  CREATE INDEX "consensus_branches_project_idx" ON "consensus_branches" USING btree ("project_id");
  CREATE INDEX "consensus_branches_task_idx" ON "consensus_branches" USING btree ("task_id");
  CREATE INDEX "consensus_branches_annotator_idx" ON "consensus_branches" USING btree ("annotator_id");
  CREATE INDEX "consensus_branches_updated_at_idx" ON "consensus_branches" USING btree ("updated_at");
  CREATE INDEX "consensus_branches_created_at_idx" ON "consensus_branches" USING btree ("created_at");
  CREATE UNIQUE INDEX "task_round_annotator_idx" ON "consensus_branches" USING btree ("task_id","round","annotator_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_consensus_branches_fk" FOREIGN KEY ("consensus_branches_id") REFERENCES "public"."consensus_branches"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "tasks_claimable_idx" ON "tasks" USING btree ("project_id","priority" DESC NULLS LAST,"id") WHERE "tasks"."status" <> 'completed' and "tasks"."assignee_id" is null and "tasks"."lease_holder_id" is null;
  CREATE INDEX "tasks_queue_idx" ON "tasks" USING btree ("project_id","priority","id");
  CREATE UNIQUE INDEX "tasks_one_lease_idx" ON "tasks" USING btree ("project_id","lease_holder_id") WHERE "tasks"."lease_holder_id" is not null;
  CREATE INDEX "tasks_leased_idx" ON "tasks" USING btree ("project_id","lease_expires_at") WHERE "tasks"."lease_holder_id" is not null;
  CREATE INDEX "payload_locked_documents_rels_consensus_branches_id_idx" ON "payload_locked_documents_rels" USING btree ("consensus_branches_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "consensus_branches" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "consensus_branches" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_consensus_branches_fk";
  
  DROP INDEX "tasks_claimable_idx";
  DROP INDEX "tasks_queue_idx";
  DROP INDEX "tasks_one_lease_idx";
  DROP INDEX "tasks_leased_idx";
  DROP INDEX "payload_locked_documents_rels_consensus_branches_id_idx";
  ALTER TABLE "projects" DROP COLUMN "settings_skip_policy";
  ALTER TABLE "tasks" DROP COLUMN "round";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "consensus_branches_id";
  DROP TYPE "public"."enum_projects_settings_skip_policy";`)
}
