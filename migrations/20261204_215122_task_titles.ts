import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "tasks" ADD COLUMN "title" varchar;`)
  // existing tasks take their data item's name, as new ones do (src/sql/tasks/taskTitles.ts)
  await db.execute(sql`
   UPDATE "tasks" SET "title" = "data_items"."name" FROM "data_items" WHERE "tasks"."data_item_id" = "data_items"."id";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "tasks" DROP COLUMN "title";`)
}
