import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "user_groups" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"name" varchar NOT NULL,
  	"description" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "user_groups_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  ALTER TABLE "users" ADD COLUMN "super_admin" boolean DEFAULT false;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "user_groups_id" integer;
  ALTER TABLE "user_groups" ADD CONSTRAINT "user_groups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "user_groups_rels" ADD CONSTRAINT "user_groups_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."user_groups"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "user_groups_rels" ADD CONSTRAINT "user_groups_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "user_groups_workspace_idx" ON "user_groups" USING btree ("workspace_id");
  CREATE INDEX "user_groups_updated_at_idx" ON "user_groups" USING btree ("updated_at");
  CREATE INDEX "user_groups_created_at_idx" ON "user_groups" USING btree ("created_at");
  CREATE UNIQUE INDEX "workspace_name_idx" ON "user_groups" USING btree ("workspace_id","name");
  CREATE INDEX "user_groups_rels_order_idx" ON "user_groups_rels" USING btree ("order");
  CREATE INDEX "user_groups_rels_parent_idx" ON "user_groups_rels" USING btree ("parent_id");
  CREATE INDEX "user_groups_rels_path_idx" ON "user_groups_rels" USING btree ("path");
  CREATE INDEX "user_groups_rels_users_id_idx" ON "user_groups_rels" USING btree ("users_id");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_user_groups_fk" FOREIGN KEY ("user_groups_id") REFERENCES "public"."user_groups"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "workspace_members_role_idx" ON "workspace_members" USING btree ("role");
  CREATE INDEX "payload_locked_documents_rels_user_groups_id_idx" ON "payload_locked_documents_rels" USING btree ("user_groups_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "user_groups" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "user_groups_rels" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "user_groups" CASCADE;
  DROP TABLE "user_groups_rels" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_user_groups_fk";
  
  DROP INDEX "workspace_members_role_idx";
  DROP INDEX "payload_locked_documents_rels_user_groups_id_idx";
  ALTER TABLE "users" DROP COLUMN "super_admin";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "user_groups_id";`)
}
