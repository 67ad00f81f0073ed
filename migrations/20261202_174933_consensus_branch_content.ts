import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "consensus_branches" ADD COLUMN "objects" jsonb;
  ALTER TABLE "consensus_branches" ADD COLUMN "classifications" jsonb;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "consensus_branches" DROP COLUMN "objects";
  ALTER TABLE "consensus_branches" DROP COLUMN "classifications";`)
}
