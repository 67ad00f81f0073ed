import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "projects_paused_annotators" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"user_id" integer,
  	"reason" varchar,
  	"paused_at" timestamp(3) with time zone,
  	"lifted" boolean DEFAULT false
  );
  
  ALTER TABLE "projects" ADD COLUMN "honeypots_enabled" boolean DEFAULT false;
  ALTER TABLE "projects" ADD COLUMN "honeypots_first_tasks" numeric DEFAULT 2;
  ALTER TABLE "projects" ADD COLUMN "honeypots_rate" numeric DEFAULT 0.1;
  ALTER TABLE "projects" ADD COLUMN "honeypots_window" numeric DEFAULT 5;
  ALTER TABLE "projects" ADD COLUMN "honeypots_pause_below" numeric DEFAULT 0.6;
  ALTER TABLE "projects_paused_annotators" ADD CONSTRAINT "projects_paused_annotators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "projects_paused_annotators" ADD CONSTRAINT "projects_paused_annotators_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "projects_paused_annotators_order_idx" ON "projects_paused_annotators" USING btree ("_order");
  CREATE INDEX "projects_paused_annotators_parent_id_idx" ON "projects_paused_annotators" USING btree ("_parent_id");
  CREATE INDEX "projects_paused_annotators_user_idx" ON "projects_paused_annotators" USING btree ("user_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "projects_paused_annotators" CASCADE;
  ALTER TABLE "projects" DROP COLUMN "honeypots_enabled";
  ALTER TABLE "projects" DROP COLUMN "honeypots_first_tasks";
  ALTER TABLE "projects" DROP COLUMN "honeypots_rate";
  ALTER TABLE "projects" DROP COLUMN "honeypots_window";
  ALTER TABLE "projects" DROP COLUMN "honeypots_pause_below";`)
}
