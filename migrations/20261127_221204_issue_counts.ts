import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "assignee_status_idx" ON "issues" USING btree ("assignee_id","status");
  CREATE INDEX "raisedBy_status_idx" ON "issues" USING btree ("raised_by_id","status");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "assignee_status_idx";
  DROP INDEX "raisedBy_status_idx";`)
}
