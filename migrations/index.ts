import * as migration_20261127_182724_initial from './20261127_182724_initial'
import * as migration_20261127_185024_tenancy from './20261127_185024_tenancy'
import * as migration_20261127_190350_projects_datasets_ontologies from './20261127_190350_projects_datasets_ontologies'
import * as migration_20261127_193606_workflow_tasks from './20261127_193606_workflow_tasks'
import * as migration_20261127_212719_queue_leases_consensus from './20261127_212719_queue_leases_consensus'
import * as migration_20261127_214324_issues from './20261127_214324_issues'
import * as migration_20261127_215048_labels from './20261127_215048_labels'
import * as migration_20261127_220554_review_rework from './20261127_220554_review_rework'
import * as migration_20261127_221204_issue_counts from './20261127_221204_issue_counts'
import * as migration_20261201_235456_invitations from './20261201_235456_invitations'
import * as migration_20261202_004432_idempotency_fingerprint from './20261202_004432_idempotency_fingerprint'
import * as migration_20261202_031800_journal_holder_seq from './20261202_031800_journal_holder_seq'
import * as migration_20261202_114059_analytics_rollups from './20261202_114059_analytics_rollups'
import * as migration_20261202_114832_analytics_label_counts from './20261202_114832_analytics_label_counts'
import * as migration_20261202_121853_analytics_project_hour from './20261202_121853_analytics_project_hour'
import * as migration_20261202_122604_analytics_grains from './20261202_122604_analytics_grains'
import * as migration_20261202_140853_analytics_held_time from './20261202_140853_analytics_held_time'
import * as migration_20261202_151129_auth_hardening from './20261202_151129_auth_hardening'
import * as migration_20261202_151850_consensus_agreement from './20261202_151850_consensus_agreement'
import * as migration_20261202_152324_analytics_agreement from './20261202_152324_analytics_agreement'
import * as migration_20261202_174933_consensus_branch_content from './20261202_174933_consensus_branch_content'
import * as migration_20261202_183837_audit_trail from './20261202_183837_audit_trail'
import * as migration_20261203_083929_webhooks from './20261203_083929_webhooks'
import * as migration_20261203_141234_reference_labels from './20261203_141234_reference_labels'
import * as migration_20261204_163640_scored_projects from './20261204_163640_scored_projects'
import * as migration_20261204_172040_honeypots from './20261204_172040_honeypots'
import * as migration_20261204_215122_task_titles from './20261204_215122_task_titles'
import * as migration_20261204_221159_member_titles from './20261204_221159_member_titles'
import * as migration_20261205_001635_invitation_inviter_email from './20261205_001635_invitation_inviter_email'
import * as migration_20261205_213352_rollup_pending from './20261205_213352_rollup_pending'
import * as migration_20261206_045928_redundant_indexes from './20261206_045928_redundant_indexes'

export const migrations = [
  {
    up: migration_20261127_182724_initial.up,
    down: migration_20261127_182724_initial.down,
    name: '20261127_182724_initial',
  },
  {
    up: migration_20261127_185024_tenancy.up,
    down: migration_20261127_185024_tenancy.down,
    name: '20261127_185024_tenancy',
  },
  {
    up: migration_20261127_190350_projects_datasets_ontologies.up,
    down: migration_20261127_190350_projects_datasets_ontologies.down,
    name: '20261127_190350_projects_datasets_ontologies',
  },
  {
    up: migration_20261127_193606_workflow_tasks.up,
    down: migration_20261127_193606_workflow_tasks.down,
    name: '20261127_193606_workflow_tasks',
  },
  {
    up: migration_20261127_212719_queue_leases_consensus.up,
    down: migration_20261127_212719_queue_leases_consensus.down,
    name: '20261127_212719_queue_leases_consensus',
  },
  {
    up: migration_20261127_214324_issues.up,
    down: migration_20261127_214324_issues.down,
    name: '20261127_214324_issues',
  },
  {
    up: migration_20261127_215048_labels.up,
    down: migration_20261127_215048_labels.down,
    name: '20261127_215048_labels',
  },
  {
    up: migration_20261127_220554_review_rework.up,
    down: migration_20261127_220554_review_rework.down,
    name: '20261127_220554_review_rework',
  },
  {
    up: migration_20261127_221204_issue_counts.up,
    down: migration_20261127_221204_issue_counts.down,
    name: '20261127_221204_issue_counts',
  },
  {
    up: migration_20261201_235456_invitations.up,
    down: migration_20261201_235456_invitations.down,
    name: '20261201_235456_invitations',
  },
  {
    up: migration_20261202_004432_idempotency_fingerprint.up,
    down: migration_20261202_004432_idempotency_fingerprint.down,
    name: '20261202_004432_idempotency_fingerprint',
  },
  {
    up: migration_20261202_031800_journal_holder_seq.up,
    down: migration_20261202_031800_journal_holder_seq.down,
    name: '20261202_031800_journal_holder_seq',
  },
  {
    up: migration_20261202_114059_analytics_rollups.up,
    down: migration_20261202_114059_analytics_rollups.down,
    name: '20261202_114059_analytics_rollups',
  },
  {
    up: migration_20261202_114832_analytics_label_counts.up,
    down: migration_20261202_114832_analytics_label_counts.down,
    name: '20261202_114832_analytics_label_counts',
  },
  {
    up: migration_20261202_121853_analytics_project_hour.up,
    down: migration_20261202_121853_analytics_project_hour.down,
    name: '20261202_121853_analytics_project_hour',
  },
  {
    up: migration_20261202_122604_analytics_grains.up,
    down: migration_20261202_122604_analytics_grains.down,
    name: '20261202_122604_analytics_grains',
  },
  {
    up: migration_20261202_140853_analytics_held_time.up,
    down: migration_20261202_140853_analytics_held_time.down,
    name: '20261202_140853_analytics_held_time',
  },
  {
    up: migration_20261202_151129_auth_hardening.up,
    down: migration_20261202_151129_auth_hardening.down,
    name: '20261202_151129_auth_hardening',
  },
  {
    up: migration_20261202_151850_consensus_agreement.up,
    down: migration_20261202_151850_consensus_agreement.down,
    name: '20261202_151850_consensus_agreement',
  },
  {
    up: migration_20261202_152324_analytics_agreement.up,
    down: migration_20261202_152324_analytics_agreement.down,
    name: '20261202_152324_analytics_agreement',
  },
  {
    up: migration_20261202_174933_consensus_branch_content.up,
    down: migration_20261202_174933_consensus_branch_content.down,
    name: '20261202_174933_consensus_branch_content',
  },
  {
    up: migration_20261202_183837_audit_trail.up,
    down: migration_20261202_183837_audit_trail.down,
    name: '20261202_183837_audit_trail',
  },
  {
    up: migration_20261203_083929_webhooks.up,
    down: migration_20261203_083929_webhooks.down,
    name: '20261203_083929_webhooks',
  },
  {
    up: migration_20261203_141234_reference_labels.up,
    down: migration_20261203_141234_reference_labels.down,
    name: '20261203_141234_reference_labels',
  },
  {
    up: migration_20261204_163640_scored_projects.up,
    down: migration_20261204_163640_scored_projects.down,
    name: '20261204_163640_scored_projects',
  },
  {
    up: migration_20261204_172040_honeypots.up,
    down: migration_20261204_172040_honeypots.down,
    name: '20261204_172040_honeypots',
  },
  {
    up: migration_20261204_215122_task_titles.up,
    down: migration_20261204_215122_task_titles.down,
    name: '20261204_215122_task_titles',
  },
  {
    up: migration_20261204_221159_member_titles.up,
    down: migration_20261204_221159_member_titles.down,
    name: '20261204_221159_member_titles',
  },
  {
    up: migration_20261205_001635_invitation_inviter_email.up,
    down: migration_20261205_001635_invitation_inviter_email.down,
    name: '20261205_001635_invitation_inviter_email',
  },
  {
    up: migration_20261205_213352_rollup_pending.up,
    down: migration_20261205_213352_rollup_pending.down,
    name: '20261205_213352_rollup_pending',
  },
  {
    up: migration_20261206_045928_redundant_indexes.up,
    down: migration_20261206_045928_redundant_indexes.down,
    name: '20261206_045928_redundant_indexes',
  },
]
