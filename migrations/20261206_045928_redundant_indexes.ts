import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "workspace_members_workspace_idx";
  DROP INDEX "user_groups_workspace_idx";
  DROP INDEX "data_items_dataset_idx";
  DROP INDEX "tasks_project_idx";
  DROP INDEX "labels_task_idx";
  DROP INDEX "task_events_project_idx";
  DROP INDEX "task_events_task_idx";
  DROP INDEX "task_events_actor_idx";
  DROP INDEX "task_rollups_workspace_idx";
  DROP INDEX "task_rollups_project_idx";
  DROP INDEX "issues_task_idx";
  DROP INDEX "issues_assignee_idx";
  DROP INDEX "issues_project_idx";
  DROP INDEX "issues_raised_by_idx";
  DROP INDEX "consensus_branches_task_idx";
  DROP INDEX "labelops_idempotency_keys_user_idx";
  DROP INDEX "audit_events_workspace_idx";
  DROP INDEX "reference_labels_task_idx";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "workspace_members_workspace_idx" ON "workspace_members" USING btree ("workspace_id");
  CREATE INDEX "user_groups_workspace_idx" ON "user_groups" USING btree ("workspace_id");
  CREATE INDEX "data_items_dataset_idx" ON "data_items" USING btree ("dataset_id");
  CREATE INDEX "tasks_project_idx" ON "tasks" USING btree ("project_id");
  CREATE INDEX "labels_task_idx" ON "labels" USING btree ("task_id");
  CREATE INDEX "task_events_project_idx" ON "task_events" USING btree ("project_id");
  CREATE INDEX "task_events_task_idx" ON "task_events" USING btree ("task_id");
  CREATE INDEX "task_events_actor_idx" ON "task_events" USING btree ("actor_id");
  CREATE INDEX "task_rollups_workspace_idx" ON "task_rollups" USING btree ("workspace_id");
  CREATE INDEX "task_rollups_project_idx" ON "task_rollups" USING btree ("project_id");
  CREATE INDEX "issues_task_idx" ON "issues" USING btree ("task_id");
  CREATE INDEX "issues_assignee_idx" ON "issues" USING btree ("assignee_id");
  CREATE INDEX "issues_project_idx" ON "issues" USING btree ("project_id");
  CREATE INDEX "issues_raised_by_idx" ON "issues" USING btree ("raised_by_id");
  CREATE INDEX "consensus_branches_task_idx" ON "consensus_branches" USING btree ("task_id");
  CREATE INDEX "labelops_idempotency_keys_user_idx" ON "labelops_idempotency_keys" USING btree ("user_id");
  CREATE INDEX "audit_events_workspace_idx" ON "audit_events" USING btree ("workspace_id");
  CREATE INDEX "reference_labels_task_idx" ON "reference_labels" USING btree ("task_id");`)
}
