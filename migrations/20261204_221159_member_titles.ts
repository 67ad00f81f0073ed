import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "workspace_members" ADD COLUMN "title" varchar;`)
  // existing memberships take their person's email, as new ones do (hooks/memberTitles.ts)
  await db.execute(sql`
   UPDATE "workspace_members" SET "title" = "users"."email" FROM "users" WHERE "workspace_members"."user_id" = "users"."id";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "workspace_members" DROP COLUMN "title";`)
}
