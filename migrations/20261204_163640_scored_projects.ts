import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "projects_scoring_class_weights" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"feature_id" varchar,
  	"weight" numeric DEFAULT 1
  );
  
  ALTER TABLE "projects" ADD COLUMN "requires_benchmark_id" integer;
  ALTER TABLE "projects" ADD COLUMN "scoring_pass_score" numeric DEFAULT 0.8;
  ALTER TABLE "projects" ADD COLUMN "scoring_iou_threshold" numeric DEFAULT 0.5;
  ALTER TABLE "consensus_branches" ADD COLUMN "score" numeric;
  ALTER TABLE "consensus_branches" ADD COLUMN "score_detail" jsonb;
  ALTER TABLE "consensus_branches" ADD COLUMN "attempts" numeric;
  ALTER TABLE "projects_scoring_class_weights" ADD CONSTRAINT "projects_scoring_class_weights_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "projects_scoring_class_weights_order_idx" ON "projects_scoring_class_weights" USING btree ("_order");
  CREATE INDEX "projects_scoring_class_weights_parent_id_idx" ON "projects_scoring_class_weights" USING btree ("_parent_id");
  ALTER TABLE "projects" ADD CONSTRAINT "projects_requires_benchmark_id_projects_id_fk" FOREIGN KEY ("requires_benchmark_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "projects_requires_benchmark_idx" ON "projects" USING btree ("requires_benchmark_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "projects_scoring_class_weights" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "projects_scoring_class_weights" CASCADE;
  ALTER TABLE "projects" DROP CONSTRAINT "projects_requires_benchmark_id_projects_id_fk";
  
  DROP INDEX "projects_requires_benchmark_idx";
  ALTER TABLE "projects" DROP COLUMN "requires_benchmark_id";
  ALTER TABLE "projects" DROP COLUMN "scoring_pass_score";
  ALTER TABLE "projects" DROP COLUMN "scoring_iou_threshold";
  ALTER TABLE "consensus_branches" DROP COLUMN "score";
  ALTER TABLE "consensus_branches" DROP COLUMN "score_detail";
  ALTER TABLE "consensus_branches" DROP COLUMN "attempts";`)
}
