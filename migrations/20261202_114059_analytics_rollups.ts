import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "task_rollups" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"project_id" integer NOT NULL,
  	"actor_id" integer,
  	"actor_key" varchar NOT NULL,
  	"stage" varchar NOT NULL,
  	"type" varchar NOT NULL,
  	"hour" timestamp(3) with time zone NOT NULL,
  	"events" numeric DEFAULT 0 NOT NULL,
  	"timed_events" numeric DEFAULT 0 NOT NULL,
  	"time_ms" numeric DEFAULT 0 NOT NULL,
  	"d00" numeric DEFAULT 0 NOT NULL,
  	"d01" numeric DEFAULT 0 NOT NULL,
  	"d02" numeric DEFAULT 0 NOT NULL,
  	"d03" numeric DEFAULT 0 NOT NULL,
  	"d04" numeric DEFAULT 0 NOT NULL,
  	"d05" numeric DEFAULT 0 NOT NULL,
  	"d06" numeric DEFAULT 0 NOT NULL,
  	"d07" numeric DEFAULT 0 NOT NULL,
  	"d08" numeric DEFAULT 0 NOT NULL,
  	"d09" numeric DEFAULT 0 NOT NULL,
  	"d10" numeric DEFAULT 0 NOT NULL,
  	"d11" numeric DEFAULT 0 NOT NULL,
  	"d12" numeric DEFAULT 0 NOT NULL,
  	"d13" numeric DEFAULT 0 NOT NULL,
  	"d14" numeric DEFAULT 0 NOT NULL,
  	"d15" numeric DEFAULT 0 NOT NULL,
  	"d16" numeric DEFAULT 0 NOT NULL,
  	"d17" numeric DEFAULT 0 NOT NULL,
  	"d18" numeric DEFAULT 0 NOT NULL,
  	"d19" numeric DEFAULT 0 NOT NULL,
  	"d20" numeric DEFAULT 0 NOT NULL,
  	"d21" numeric DEFAULT 0 NOT NULL,
  	"d22" numeric DEFAULT 0 NOT NULL,
  	"d23" numeric DEFAULT 0 NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "task_rollups_id" integer;
  ALTER TABLE "task_rollups" ADD CONSTRAINT "task_rollups_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "task_rollups" ADD CONSTRAINT "task_rollups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "task_rollups" ADD CONSTRAINT "task_rollups_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "task_rollups_workspace_idx" ON "task_rollups" USING btree ("workspace_id");
  CREATE INDEX "task_rollups_project_idx" ON "task_rollups" USING btree ("project_id");
  CREATE INDEX "task_rollups_actor_idx" ON "task_rollups" USING btree ("actor_id");
  CREATE INDEX "task_rollups_updated_at_idx" ON "task_rollups" USING btree ("updated_at");
  CREATE INDEX "task_rollups_created_at_idx" ON "task_rollups" USING btree ("created_at");
  CREATE UNIQUE INDEX "project_actorKey_stage_type_hour_idx" ON "task_rollups" USING btree ("project_id","actor_key","stage","type","hour");
  CREATE INDEX "workspace_hour_idx" ON "task_rollups" USING btree ("workspace_id","hour");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_task_rollups_fk" FOREIGN KEY ("task_rollups_id") REFERENCES "public"."task_rollups"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_task_rollups_id_idx" ON "payload_locked_documents_rels" USING btree ("task_rollups_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "task_rollups" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "task_rollups" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_task_rollups_fk";
  
  DROP INDEX "payload_locked_documents_rels_task_rollups_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "task_rollups_id";`)
}
