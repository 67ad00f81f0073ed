import type { CollectionConfig } from 'payload'

import { webhookSubscriptionsAccess, webhookSubscriptionsCreateAccess } from '../src/access/resources.ts'
import { WEBHOOK_EVENTS } from '../src/domain/webhooks/events.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { deleteWebhookDeliveries } from '../hooks/guardDeletes.ts'
import { preventChangeOf } from '../hooks/preventChangeOf.ts'
import { webhookSubscriptionRules } from '../hooks/webhookSubscriptionRules.ts'
import { workspaceField } from './fields/workspace.ts'

/**
 * A project's webhook: a URL that hears of the events it subscribes to, signed with its own secret (Standard
 * Webhooks). Managed by whoever runs the project; deliveries are written to the outbox in the same transaction
 * as the event (src/sql/webhooks/outboxTrigger.ts) and sent by the delivery worker.
 */
export function createWebhookSubscriptionsCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.webhookSubscriptions,
    labels: { singular: 'Webhook', plural: 'Webhooks' },
    graphQL: { singularName: 'WebhookSubscription', pluralName: 'WebhookSubscriptions' },
    admin: {
      group: options.adminGroup,
      useAsTitle: 'url',
      defaultColumns: ['url', 'project', 'events', 'enabled', 'disabledReason'],
      description: "URLs that hear of a project's events as they happen, signed with the webhook's secret (Standard Webhooks).",
    },
    access: {
      create: webhookSubscriptionsCreateAccess,
      read: webhookSubscriptionsAccess('webhookSubscriptions.read'),
      update: webhookSubscriptionsAccess('webhookSubscriptions.update'),
      delete: webhookSubscriptionsAccess('webhookSubscriptions.delete'),
    },
    hooks: {
      beforeValidate: [webhookSubscriptionRules],
      beforeChange: [preventChangeOf(['workspace', 'project', 'secret'])],
      beforeDelete: [deleteWebhookDeliveries],
    },
    fields: [
      { ...workspaceField(slugs), admin: { readOnly: true, position: 'sidebar' } },
      { name: 'project', type: 'relationship', relationTo: slugs.projects, required: true, index: true },
      { name: 'url', label: 'URL', type: 'text', required: true, admin: { description: 'An http(s) URL that answers 2xx to a delivery.' } },
      {
        name: 'events',
        type: 'select',
        hasMany: true,
        required: true,
        options: WEBHOOK_EVENTS.map((value) => ({ value, label: value })),
      },
      { name: 'description', type: 'text', maxLength: 200 },
      {
        name: 'secret',
        type: 'text',
        // a copy is a new webhook: it gets a secret of its own
        hooks: { beforeDuplicate: [() => undefined] },
        admin: {
          readOnly: true,
          description:
            'Verify every delivery with it (webhook-signature). Made by LabelOps; delete and re-create the webhook to change it.',
        },
      },
      { name: 'enabled', type: 'checkbox', defaultValue: true },
      {
        name: 'disabledReason',
        type: 'text',
        admin: {
          readOnly: true,
          description: 'Why LabelOps turned the webhook off (the receiver answered 410 Gone). Enabling it again clears this.',
        },
      },
    ],
  }
}
