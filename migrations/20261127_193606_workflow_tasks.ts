import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_tasks_status" AS ENUM('new', 'assigned', 'reopened', 'skipped', 'completed');
  CREATE TYPE "public"."enum_task_events_type" AS ENUM('created', 'claimed', 'released', 'expired', 'submitted', 'skipped', 'approved', 'rejected', 'reopened', 'moved', 'completed', 'priority-changed', 'assigned', 'resolved');
  CREATE TABLE "workflow_templates" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"description" varchar,
  	"built_in" boolean DEFAULT false,
  	"graph" jsonb NOT NULL,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "tasks" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"project_id" integer NOT NULL,
  	"data_item_id" integer NOT NULL,
  	"stage" varchar NOT NULL,
  	"status" "enum_tasks_status" DEFAULT 'new',
  	"priority" numeric DEFAULT 50,
  	"assignee_id" integer,
  	"lease_holder_id" integer,
  	"lease_expires_at" timestamp(3) with time zone,
  	"version" numeric DEFAULT 1,
  	"skipped_by" jsonb DEFAULT '[]'::jsonb,
  	"last_actor_by_stage" jsonb DEFAULT '{}'::jsonb,
  	"consensus_submissions" numeric DEFAULT 0,
  	"rejection_note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "task_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"project_id" integer NOT NULL,
  	"task_id" integer NOT NULL,
  	"actor_id" integer,
  	"type" "enum_task_events_type" NOT NULL,
  	"from_stage" varchar,
  	"to_stage" varchar,
  	"from_status" varchar,
  	"to_status" varchar,
  	"time_spent_ms" numeric,
  	"note" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "labelops_idempotency_keys" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"user_id" integer NOT NULL,
  	"status" numeric,
  	"response" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "projects" ADD COLUMN "workflow_template_id" integer;
  ALTER TABLE "projects" ADD COLUMN "settings_allow_self_review" boolean DEFAULT false;
  ALTER TABLE "projects" ADD COLUMN "settings_lease_minutes" numeric DEFAULT 30;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "workflow_templates_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "tasks_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "task_events_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "labelops_idempotency_keys_id" integer;
  ALTER TABLE "workflow_templates" ADD CONSTRAINT "workflow_templates_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "workflow_templates" ADD CONSTRAINT "workflow_templates_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tasks" ADD CONSTRAINT "tasks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tasks" ADD CONSTRAINT "tasks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tasks" ADD CONSTRAINT "tasks_data_item_id_data_items_id_fk" FOREIGN KEY ("data_item_id") REFERENCES "public"."data_items"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tasks" ADD CONSTRAINT "tasks_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "tasks" ADD CONSTRAINT "tasks_lease_holder_id_users_id_fk" FOREIGN KEY ("lease_holder_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "task_events" ADD CONSTRAINT "task_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "task_events" ADD CONSTRAINT "task_events_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "task_events" ADD CONSTRAINT "task_events_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "task_events" ADD CONSTRAINT "task_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "labelops_idempotency_keys" ADD CONSTRAINT "labelops_idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "workflow_templates_workspace_idx" ON "workflow_templates" USING btree ("workspace_id");
  CREATE INDEX "workflow_templates_created_by_idx" ON "workflow_templates" USING btree ("created_by_id");
  CREATE INDEX "workflow_templates_updated_at_idx" ON "workflow_templates" USING btree ("updated_at");
  CREATE INDEX "workflow_templates_created_at_idx" ON "workflow_templates" USING btree ("created_at");
  CREATE INDEX "tasks_workspace_idx" ON "tasks" USING btree ("workspace_id");
  CREATE INDEX "tasks_project_idx" ON "tasks" USING btree ("project_id");
  CREATE INDEX "tasks_data_item_idx" ON "tasks" USING btree ("data_item_id");
  CREATE INDEX "tasks_stage_idx" ON "tasks" USING btree ("stage");
  CREATE INDEX "tasks_status_idx" ON "tasks" USING btree ("status");
  CREATE INDEX "tasks_priority_idx" ON "tasks" USING btree ("priority");
  CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("assignee_id");
  CREATE INDEX "tasks_lease_holder_idx" ON "tasks" USING btree ("lease_holder_id");
  CREATE INDEX "tasks_updated_at_idx" ON "tasks" USING btree ("updated_at");
  CREATE INDEX "tasks_created_at_idx" ON "tasks" USING btree ("created_at");
  CREATE UNIQUE INDEX "project_dataItem_idx" ON "tasks" USING btree ("project_id","data_item_id");
  CREATE INDEX "project_status_priority_idx" ON "tasks" USING btree ("project_id","status","priority");
  CREATE INDEX "task_events_workspace_idx" ON "task_events" USING btree ("workspace_id");
  CREATE INDEX "task_events_project_idx" ON "task_events" USING btree ("project_id");
  CREATE INDEX "task_events_task_idx" ON "task_events" USING btree ("task_id");
  CREATE INDEX "task_events_actor_idx" ON "task_events" USING btree ("actor_id");
  CREATE INDEX "task_events_updated_at_idx" ON "task_events" USING btree ("updated_at");
  CREATE INDEX "task_events_created_at_idx" ON "task_events" USING btree ("created_at");
  CREATE INDEX "project_createdAt_idx" ON "task_events" USING btree ("project_id","created_at");
  CREATE INDEX "actor_createdAt_idx" ON "task_events" USING btree ("actor_id","created_at");
  CREATE INDEX "task_createdAt_idx" ON "task_events" USING btree ("task_id","created_at");
  CREATE INDEX "labelops_idempotency_keys_user_idx" ON "labelops_idempotency_keys" USING btree ("user_id");
  CREATE INDEX "labelops_idempotency_keys_updated_at_idx" ON "labelops_idempotency_keys" USING btree ("updated_at");
  CREATE INDEX "labelops_idempotency_keys_created_at_idx" ON "labelops_idempotency_keys" USING btree ("created_at");
  CREATE UNIQUE INDEX "user_key_idx" ON "labelops_idempotency_keys" USING btree ("user_id","key");
  ALTER TABLE "projects" ADD CONSTRAINT "projects_workflow_template_id_workflow_templates_id_fk" FOREIGN KEY ("workflow_template_id") REFERENCES "public"."workflow_templates"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_workflow_templates_fk" FOREIGN KEY ("workflow_templates_id") REFERENCES "public"."workflow_templates"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_tasks_fk" FOREIGN KEY ("tasks_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_task_events_fk" FOREIGN KEY ("task_events_id") REFERENCES "public"."task_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_labelops_idempotency_keys_fk" FOREIGN KEY ("labelops_idempotency_keys_id") REFERENCES "public"."labelops_idempotency_keys"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "projects_workflow_template_idx" ON "projects" USING btree ("workflow_template_id");
  CREATE INDEX "payload_locked_documents_rels_workflow_templates_id_idx" ON "payload_locked_documents_rels" USING btree ("workflow_templates_id");
  CREATE INDEX "payload_locked_documents_rels_tasks_id_idx" ON "payload_locked_documents_rels" USING btree ("tasks_id");
  CREATE INDEX "payload_locked_documents_rels_task_events_id_idx" ON "payload_locked_documents_rels" USING btree ("task_events_id");
  CREATE INDEX "payload_locked_documents_rels_labelops_idempotency_keys__idx" ON "payload_locked_documents_rels" USING btree ("labelops_idempotency_keys_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "workflow_templates" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "tasks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "task_events" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "labelops_idempotency_keys" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "workflow_templates" CASCADE;
  DROP TABLE "tasks" CASCADE;
  DROP TABLE "task_events" CASCADE;
  DROP TABLE "labelops_idempotency_keys" CASCADE;
  ALTER TABLE "projects" DROP CONSTRAINT "projects_workflow_template_id_workflow_templates_id_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_workflow_templates_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_tasks_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_task_events_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_labelops_idempotency_keys_fk";
  
  DROP INDEX "projects_workflow_template_idx";
  DROP INDEX "payload_locked_documents_rels_workflow_templates_id_idx";
  DROP INDEX "payload_locked_documents_rels_tasks_id_idx";
  DROP INDEX "payload_locked_documents_rels_task_events_id_idx";
  DROP INDEX "payload_locked_documents_rels_labelops_idempotency_keys__idx";
  ALTER TABLE "projects" DROP COLUMN "workflow_template_id";
  ALTER TABLE "projects" DROP COLUMN "settings_allow_self_review";
  ALTER TABLE "projects" DROP COLUMN "settings_lease_minutes";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "workflow_templates_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "tasks_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "task_events_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "labelops_idempotency_keys_id";
  DROP TYPE "public"."enum_tasks_status";
  DROP TYPE "public"."enum_task_events_type";`)
}
