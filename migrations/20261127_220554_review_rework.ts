import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_projects_settings_rework_assignment" AS ENUM('original-annotator', 'anyone-eligible');
  ALTER TABLE "projects" ADD COLUMN "settings_rework_assignment" "enum_projects_settings_rework_assignment" DEFAULT 'original-annotator';
  ALTER TABLE "labels" ADD COLUMN "review_round" numeric DEFAULT 0;
  ALTER TABLE "labels" ADD COLUMN "review" jsonb;
  ALTER TABLE "labels" ADD COLUMN "reviewed_snapshot" jsonb;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "projects" DROP COLUMN "settings_rework_assignment";
  ALTER TABLE "labels" DROP COLUMN "review_round";
  ALTER TABLE "labels" DROP COLUMN "review";
  ALTER TABLE "labels" DROP COLUMN "reviewed_snapshot";
  DROP TYPE "public"."enum_projects_settings_rework_assignment";`)
}
