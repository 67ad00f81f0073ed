import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "workspace_invitations" ADD COLUMN "invited_by_email" varchar;`)
  // existing invitations take their inviter's email, as new ones do (hooks/invitationLifecycle.ts)
  await db.execute(sql`
   UPDATE "workspace_invitations" SET "invited_by_email" = "users"."email" FROM "users" WHERE "workspace_invitations"."invited_by_id" = "users"."id";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "workspace_invitations" DROP COLUMN "invited_by_email";`)
}
