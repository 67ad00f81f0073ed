import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_issues_status" AS ENUM('open', 'resolved');
  CREATE TYPE "public"."enum_issues_anchor_kind" AS ENUM('data-unit', 'frame', 'coordinate', 'frame-range', 'label');
  CREATE TABLE "workspaces_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "issues_comments" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"body" varchar NOT NULL,
  	"author_id" integer,
  	"posted_at" timestamp(3) with time zone,
  	"edited_at" timestamp(3) with time zone
  );
  
  CREATE TABLE "issues_history" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"status" varchar,
  	"by_id" integer,
  	"at" timestamp(3) with time zone,
  	"note" varchar
  );
  
  CREATE TABLE "issues" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"title" varchar NOT NULL,
  	"task_id" integer NOT NULL,
  	"status" "enum_issues_status" DEFAULT 'open',
  	"body" jsonb,
  	"anchor_kind" "enum_issues_anchor_kind" DEFAULT 'data-unit',
  	"anchor_frame" numeric,
  	"anchor_frame_end" numeric,
  	"anchor_x" numeric,
  	"anchor_y" numeric,
  	"anchor_label_object" varchar,
  	"assignee_id" integer,
  	"resolution_note" varchar,
  	"workspace_id" integer NOT NULL,
  	"project_id" integer,
  	"data_item_id" integer,
  	"raised_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "issues_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "issues_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "issues_id" integer;
  ALTER TABLE "workspaces_texts" ADD CONSTRAINT "workspaces_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "issues_comments" ADD CONSTRAINT "issues_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "issues_comments" ADD CONSTRAINT "issues_comments_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "issues_history" ADD CONSTRAINT "issues_history_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "issues_history" ADD CONSTRAINT "issues_history_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "issues" ADD CONSTRAINT "issues_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "issues" ADD CONSTRAINT "issues_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "issues" ADD CONSTRAINT "issues_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "issues" ADD CONSTRAINT "issues_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "issues" ADD CONSTRAINT "issues_data_item_id_data_items_id_fk" FOREIGN KEY ("data_item_id") REFERENCES "public"."data_items"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "issues" ADD CONSTRAINT "issues_raised_by_id_users_id_fk" FOREIGN KEY ("raised_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "issues_texts" ADD CONSTRAINT "issues_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "issues_rels" ADD CONSTRAINT "issues_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "issues_rels" ADD CONSTRAINT "issues_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "workspaces_texts_order_parent" ON "workspaces_texts" USING btree ("order","parent_id");
  CREATE INDEX "issues_comments_order_idx" ON "issues_comments" USING btree ("_order");
  CREATE INDEX "issues_comments_parent_id_idx" ON "issues_comments" USING btree ("_parent_id");
  CREATE INDEX "issues_comments_author_idx" ON "issues_comments" USING btree ("author_id");
  CREATE INDEX "issues_history_order_idx" ON "issues_history" USING btree ("_order");
  CREATE INDEX "issues_history_parent_id_idx" ON "issues_history" USING btree ("_parent_id");
  CREATE INDEX "issues_history_by_idx" ON "issues_history" USING btree ("by_id");
  CREATE INDEX "issues_task_idx" ON "issues" USING btree ("task_id");
  CREATE INDEX "issues_status_idx" ON "issues" USING btree ("status");
  CREATE INDEX "issues_assignee_idx" ON "issues" USING btree ("assignee_id");
  CREATE INDEX "issues_workspace_idx" ON "issues" USING btree ("workspace_id");
  CREATE INDEX "issues_project_idx" ON "issues" USING btree ("project_id");
  CREATE INDEX "issues_data_item_idx" ON "issues" USING btree ("data_item_id");
  CREATE INDEX "issues_raised_by_idx" ON "issues" USING btree ("raised_by_id");
  CREATE INDEX "issues_updated_at_idx" ON "issues" USING btree ("updated_at");
  CREATE INDEX "issues_created_at_idx" ON "issues" USING btree ("created_at");
  CREATE INDEX "task_status_idx" ON "issues" USING btree ("task_id","status");
  CREATE INDEX "project_status_idx" ON "issues" USING btree ("project_id","status");
  CREATE INDEX "issues_texts_order_parent" ON "issues_texts" USING btree ("order","parent_id");
  CREATE INDEX "issues_rels_order_idx" ON "issues_rels" USING btree ("order");
  CREATE INDEX "issues_rels_parent_idx" ON "issues_rels" USING btree ("parent_id");
  CREATE INDEX "issues_rels_path_idx" ON "issues_rels" USING btree ("path");
  CREATE INDEX "issues_rels_users_id_idx" ON "issues_rels" USING btree ("users_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_issues_fk" FOREIGN KEY ("issues_id") REFERENCES "public"."issues"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_issues_id_idx" ON "payload_locked_documents_rels" USING btree ("issues_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "workspaces_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "issues_comments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "issues_history" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "issues" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "issues_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "issues_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "workspaces_texts" CASCADE;
  DROP TABLE "issues_comments" CASCADE;
  DROP TABLE "issues_history" CASCADE;
  DROP TABLE "issues" CASCADE;
  DROP TABLE "issues_texts" CASCADE;
  DROP TABLE "issues_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_issues_fk";
  
  DROP INDEX "payload_locked_documents_rels_issues_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "issues_id";
  DROP TYPE "public"."enum_issues_status";
  DROP TYPE "public"."enum_issues_anchor_kind";`)
}
