import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_reference_labels_kind" AS ENUM('pre-label', 'gold');
  CREATE TABLE "reference_labels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"project_id" integer NOT NULL,
  	"task_id" integer NOT NULL,
  	"kind" "enum_reference_labels_kind" NOT NULL,
  	"objects" jsonb DEFAULT '[]'::jsonb,
  	"classifications" jsonb DEFAULT '[]'::jsonb,
  	"source" varchar,
  	"imported_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "reference_labels_id" integer;
  ALTER TABLE "reference_labels" ADD CONSTRAINT "reference_labels_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reference_labels" ADD CONSTRAINT "reference_labels_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reference_labels" ADD CONSTRAINT "reference_labels_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reference_labels" ADD CONSTRAINT "reference_labels_imported_by_id_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "reference_labels_workspace_idx" ON "reference_labels" USING btree ("workspace_id");
  CREATE INDEX "reference_labels_project_idx" ON "reference_labels" USING btree ("project_id");
  CREATE INDEX "reference_labels_task_idx" ON "reference_labels" USING btree ("task_id");
  CREATE INDEX "reference_labels_imported_by_idx" ON "reference_labels" USING btree ("imported_by_id");
  CREATE INDEX "reference_labels_updated_at_idx" ON "reference_labels" USING btree ("updated_at");
  CREATE INDEX "reference_labels_created_at_idx" ON "reference_labels" USING btree ("created_at");
  CREATE UNIQUE INDEX "task_kind_idx" ON "reference_labels" USING btree ("task_id","kind");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reference_labels_fk" FOREIGN KEY ("reference_labels_id") REFERENCES "public"."reference_labels"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_reference_labels_id_idx" ON "payload_locked_documents_rels" USING btree ("reference_labels_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "reference_labels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "reference_labels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_reference_labels_fk";
  
  DROP INDEX "payload_locked_documents_rels_reference_labels_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "reference_labels_id";
  DROP TYPE "public"."enum_reference_labels_kind";`)
}
