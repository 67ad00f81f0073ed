import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "task_events" ADD COLUMN "holder_id" integer;
  ALTER TABLE "task_events" ADD COLUMN "seq" bigserial NOT NULL;
  ALTER TABLE "task_events" ADD CONSTRAINT "task_events_holder_id_users_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "task_events_holder_idx" ON "task_events" USING btree ("holder_id");
  CREATE INDEX "task_events_task_seq_idx" ON "task_events" USING btree ("task_id","seq");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "task_events" DROP CONSTRAINT "task_events_holder_id_users_id_fk";
  DROP INDEX "task_events_holder_idx";
  DROP INDEX "task_events_task_seq_idx";
  ALTER TABLE "task_events" DROP COLUMN "holder_id";
  ALTER TABLE "task_events" DROP COLUMN "seq";`)
}
