import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_workspace_invitations_role" AS ENUM('admin', 'workforce-manager', 'member', 'tasker');
  CREATE TYPE "public"."enum_workspace_invitations_status" AS ENUM('pending', 'accepted', 'declined', 'expired');
  CREATE TABLE "workspace_invitations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"workspace_id" integer NOT NULL,
  	"email" varchar NOT NULL,
  	"role" "enum_workspace_invitations_role" DEFAULT 'member' NOT NULL,
  	"status" "enum_workspace_invitations_status" DEFAULT 'pending',
  	"workspace_name" varchar,
  	"invited_by_id" integer,
  	"expires_at" timestamp(3) with time zone,
  	"responded_at" timestamp(3) with time zone,
  	"token_hash" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "workspace_invitations_id" integer;
  ALTER TABLE "workspace_invitations" ADD CONSTRAINT "workspace_invitations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "workspace_invitations" ADD CONSTRAINT "workspace_invitations_invited_by_id_users_id_fk" FOREIGN KEY ("invited_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "workspace_invitations_workspace_idx" ON "workspace_invitations" USING btree ("workspace_id");
  CREATE INDEX "workspace_invitations_email_idx" ON "workspace_invitations" USING btree ("email");
  CREATE INDEX "workspace_invitations_status_idx" ON "workspace_invitations" USING btree ("status");
  CREATE INDEX "workspace_invitations_invited_by_idx" ON "workspace_invitations" USING btree ("invited_by_id");
  CREATE INDEX "workspace_invitations_token_hash_idx" ON "workspace_invitations" USING btree ("token_hash");
  CREATE INDEX "workspace_invitations_updated_at_idx" ON "workspace_invitations" USING btree ("updated_at");
  CREATE INDEX "workspace_invitations_created_at_idx" ON "workspace_invitations" USING btree ("created_at");
  CREATE UNIQUE INDEX "workspace_invitations_one_pending_idx" ON "workspace_invitations" USING btree ("workspace_id","email") WHERE "workspace_invitations"."status" = 'pending';
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_workspace_invitations_fk" FOREIGN KEY ("workspace_invitations_id") REFERENCES "public"."workspace_invitations"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_workspace_invitations_id_idx" ON "payload_locked_documents_rels" USING btree ("workspace_invitations_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "workspace_invitations" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "workspace_invitations" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_workspace_invitations_fk";
  
  DROP INDEX "payload_locked_documents_rels_workspace_invitations_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "workspace_invitations_id";
  DROP TYPE "public"."enum_workspace_invitations_role";
  DROP TYPE "public"."enum_workspace_invitations_status";`)
}
