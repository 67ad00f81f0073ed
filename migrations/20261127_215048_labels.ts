import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_labels_status" AS ENUM('draft', 'submitted');
  CREATE TABLE "labels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"project_id" integer NOT NULL,
  	"task_id" integer NOT NULL,
  	"ontology_id" integer,
  	"author_id" integer NOT NULL,
  	"status" "enum_labels_status" DEFAULT 'draft',
  	"objects" jsonb DEFAULT '[]'::jsonb,
  	"classifications" jsonb DEFAULT '[]'::jsonb,
  	"submitted_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "labels_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "labels_id" integer;
  ALTER TABLE "labels" ADD CONSTRAINT "labels_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "labels" ADD CONSTRAINT "labels_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "labels" ADD CONSTRAINT "labels_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "labels" ADD CONSTRAINT "labels_ontology_id_ontologies_id_fk" FOREIGN KEY ("ontology_id") REFERENCES "public"."ontologies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "labels" ADD CONSTRAINT "labels_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "labels_texts" ADD CONSTRAINT "labels_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "labels_workspace_idx" ON "labels" USING btree ("workspace_id");
  CREATE INDEX "labels_project_idx" ON "labels" USING btree ("project_id");
  CREATE INDEX "labels_task_idx" ON "labels" USING btree ("task_id");
  CREATE INDEX "labels_ontology_idx" ON "labels" USING btree ("ontology_id");
  CREATE INDEX "labels_author_idx" ON "labels" USING btree ("author_id");
  CREATE INDEX "labels_updated_at_idx" ON "labels" USING btree ("updated_at");
  CREATE INDEX "labels_created_at_idx" ON "labels" USING btree ("created_at");
  CREATE UNIQUE INDEX "task_author_idx" ON "labels" USING btree ("task_id","author_id");
  CREATE INDEX "labels_texts_order_parent" ON "labels_texts" USING btree ("order","parent_id");
  CREATE INDEX "labels_texts_text_idx" ON "labels_texts" USING btree ("text");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_labels_fk" FOREIGN KEY ("labels_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_labels_id_idx" ON "payload_locked_documents_rels" USING btree ("labels_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "labels" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "labels_texts" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "labels" CASCADE;
  DROP TABLE "labels_texts" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_labels_fk";
  
  DROP INDEX "payload_locked_documents_rels_labels_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "labels_id";
  DROP TYPE "public"."enum_labels_status";`)
}
