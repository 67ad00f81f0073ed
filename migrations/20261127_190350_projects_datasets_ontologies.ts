import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_data_items_type" AS ENUM('image', 'video', 'text', 'audio', 'document', 'dicom');
  CREATE TYPE "public"."enum_data_items_source_kind" AS ENUM('url', 'media', 'text');
  CREATE TYPE "public"."enum_projects_collaborators_role" AS ENUM('admin', 'team-manager', 'reviewer', 'annotator');
  CREATE TYPE "public"."enum_projects_status" AS ENUM('not-started', 'in-progress', 'paused', 'completed', 'cancelled', 'archived');
  CREATE TYPE "public"."enum_projects_kind" AS ENUM('standard', 'benchmark', 'training');
  CREATE TABLE "ontologies" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"instructions" jsonb,
  	"objects" jsonb DEFAULT '[]'::jsonb,
  	"classifications" jsonb DEFAULT '[]'::jsonb,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "datasets" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"description" varchar,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "data_items" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"dataset_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"type" "enum_data_items_type" NOT NULL,
  	"source_kind" "enum_data_items_source_kind" DEFAULT 'url',
  	"source_url" varchar,
  	"source_media_id" integer,
  	"source_text" varchar,
  	"metadata" jsonb,
  	"width" numeric,
  	"height" numeric,
  	"frames" numeric,
  	"external_id" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "projects_collaborators" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"user_id" integer,
  	"group_id" integer,
  	"role" "enum_projects_collaborators_role" NOT NULL
  );
  
  CREATE TABLE "projects" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"description" jsonb,
  	"status" "enum_projects_status" DEFAULT 'not-started',
  	"kind" "enum_projects_kind" DEFAULT 'standard',
  	"ontology_id" integer,
  	"workflow" jsonb,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "projects_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "projects_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"datasets_id" integer
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "ontologies_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "datasets_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "data_items_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "projects_id" integer;
  ALTER TABLE "ontologies" ADD CONSTRAINT "ontologies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ontologies" ADD CONSTRAINT "ontologies_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "datasets" ADD CONSTRAINT "datasets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "datasets" ADD CONSTRAINT "datasets_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "data_items" ADD CONSTRAINT "data_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "data_items" ADD CONSTRAINT "data_items_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "public"."datasets"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "data_items" ADD CONSTRAINT "data_items_source_media_id_media_id_fk" FOREIGN KEY ("source_media_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "projects_collaborators" ADD CONSTRAINT "projects_collaborators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "projects_collaborators" ADD CONSTRAINT "projects_collaborators_group_id_user_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."user_groups"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "projects_collaborators" ADD CONSTRAINT "projects_collaborators_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "projects" ADD CONSTRAINT "projects_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "projects" ADD CONSTRAINT "projects_ontology_id_ontologies_id_fk" FOREIGN KEY ("ontology_id") REFERENCES "public"."ontologies"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "projects_texts" ADD CONSTRAINT "projects_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "projects_rels" ADD CONSTRAINT "projects_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "projects_rels" ADD CONSTRAINT "projects_rels_datasets_fk" FOREIGN KEY ("datasets_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "ontologies_workspace_idx" ON "ontologies" USING btree ("workspace_id");
  CREATE INDEX "ontologies_created_by_idx" ON "ontologies" USING btree ("created_by_id");
  CREATE INDEX "ontologies_updated_at_idx" ON "ontologies" USING btree ("updated_at");
  CREATE INDEX "ontologies_created_at_idx" ON "ontologies" USING btree ("created_at");
  CREATE INDEX "datasets_workspace_idx" ON "datasets" USING btree ("workspace_id");
  CREATE INDEX "datasets_created_by_idx" ON "datasets" USING btree ("created_by_id");
  CREATE INDEX "datasets_updated_at_idx" ON "datasets" USING btree ("updated_at");
  CREATE INDEX "datasets_created_at_idx" ON "datasets" USING btree ("created_at");
  CREATE INDEX "data_items_workspace_idx" ON "data_items" USING btree ("workspace_id");
  CREATE INDEX "data_items_dataset_idx" ON "data_items" USING btree ("dataset_id");
  CREATE INDEX "data_items_source_source_media_idx" ON "data_items" USING btree ("source_media_id");
  CREATE INDEX "data_items_external_id_idx" ON "data_items" USING btree ("external_id");
  CREATE INDEX "data_items_updated_at_idx" ON "data_items" USING btree ("updated_at");
  CREATE INDEX "data_items_created_at_idx" ON "data_items" USING btree ("created_at");
  CREATE UNIQUE INDEX "dataset_externalId_idx" ON "data_items" USING btree ("dataset_id","external_id");
  CREATE INDEX "projects_collaborators_order_idx" ON "projects_collaborators" USING btree ("_order");
  CREATE INDEX "projects_collaborators_parent_id_idx" ON "projects_collaborators" USING btree ("_parent_id");
  CREATE INDEX "projects_collaborators_user_idx" ON "projects_collaborators" USING btree ("user_id");
  CREATE INDEX "projects_collaborators_group_idx" ON "projects_collaborators" USING btree ("group_id");
  CREATE INDEX "projects_workspace_idx" ON "projects" USING btree ("workspace_id");
  CREATE INDEX "projects_status_idx" ON "projects" USING btree ("status");
  CREATE INDEX "projects_ontology_idx" ON "projects" USING btree ("ontology_id");
  CREATE INDEX "projects_created_by_idx" ON "projects" USING btree ("created_by_id");
  CREATE INDEX "projects_updated_at_idx" ON "projects" USING btree ("updated_at");
  CREATE INDEX "projects_created_at_idx" ON "projects" USING btree ("created_at");
  CREATE INDEX "projects_texts_order_parent" ON "projects_texts" USING btree ("order","parent_id");
  CREATE INDEX "projects_texts_text_idx" ON "projects_texts" USING btree ("text");
  CREATE INDEX "projects_rels_order_idx" ON "projects_rels" USING btree ("order");
  CREATE INDEX "projects_rels_parent_idx" ON "projects_rels" USING btree ("parent_id");
  CREATE INDEX "projects_rels_path_idx" ON "projects_rels" USING btree ("path");
  CREATE INDEX "projects_rels_datasets_id_idx" ON "projects_rels" USING btree ("datasets_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_ontologies_fk" FOREIGN KEY ("ontologies_id") REFERENCES "public"."ontologies"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_datasets_fk" FOREIGN KEY ("datasets_id") REFERENCES "public"."datasets"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_data_items_fk" FOREIGN KEY ("data_items_id") REFERENCES "public"."data_items"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_projects_fk" FOREIGN KEY ("projects_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_ontologies_id_idx" ON "payload_locked_documents_rels" USING btree ("ontologies_id");
  CREATE INDEX "payload_locked_documents_rels_datasets_id_idx" ON "payload_locked_documents_rels" USING btree ("datasets_id");
  CREATE INDEX "payload_locked_documents_rels_data_items_id_idx" ON "payload_locked_documents_rels" USING btree ("data_items_id");
  CREATE INDEX "payload_locked_documents_rels_projects_id_idx" ON "payload_locked_documents_rels" USING btree ("projects_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "ontologies" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "datasets" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "data_items" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "projects_collaborators" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "projects" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "projects_texts" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "projects_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "ontologies" CASCADE;
  DROP TABLE "datasets" CASCADE;
  DROP TABLE "data_items" CASCADE;
  DROP TABLE "projects_collaborators" CASCADE;
  DROP TABLE "projects" CASCADE;
  DROP TABLE "projects_texts" CASCADE;
  DROP TABLE "projects_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_ontologies_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_datasets_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_data_items_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_projects_fk";
  
  DROP INDEX "payload_locked_documents_rels_ontologies_id_idx";
  DROP INDEX "payload_locked_documents_rels_datasets_id_idx";
  DROP INDEX "payload_locked_documents_rels_data_items_id_idx";
  DROP INDEX "payload_locked_documents_rels_projects_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "ontologies_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "datasets_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "data_items_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "projects_id";
  DROP TYPE "public"."enum_data_items_type";
  DROP TYPE "public"."enum_data_items_source_kind";
  DROP TYPE "public"."enum_projects_collaborators_role";
  DROP TYPE "public"."enum_projects_status";
  DROP TYPE "public"."enum_projects_kind";`)
}
