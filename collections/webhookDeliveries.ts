import type { CollectionConfig } from 'payload'

import { webhookDeliveriesAccess } from '../src/access/resources.ts'
import { restEndpointsFor } from '../src/endpoints/fromRegistry.ts'
import { DELIVERY_STATUSES } from '../src/domain/webhooks/events.ts'
import type { SanitizedLabelOpsOptions } from '../src/options.ts'
import { workspaceField } from './fields/workspace.ts'

const nobody = () => false
const readOnly = { readOnly: true }

/**
 * The webhook outbox and its delivery log: one row per event and subscription, written by the database in the
 * event's own transaction (nothing for a rolled-back action, nothing lost for a committed one), sent and retried
 * by the delivery worker. Read by whoever runs the project; replayed with POST /api/webhook-deliveries/:id/replay.
 */
export function createWebhookDeliveriesCollection({ options }: { options: SanitizedLabelOpsOptions }): CollectionConfig {
  const { slugs } = options
  return {
    slug: slugs.webhookDeliveries,
    labels: { singular: 'Webhook delivery', plural: 'Webhook deliveries' },
    graphQL: { singularName: 'WebhookDelivery', pluralName: 'WebhookDeliveries' },
    admin: {
      group: options.adminGroup,
      useAsTitle: 'messageId',
      defaultColumns: ['createdAt', 'event', 'subscription', 'status', 'attempts', 'lastStatus', 'responseMs', 'lastError'],
      description: 'Every webhook message: delivered, waiting for its next attempt, or failed — with the last answer.',
    },
    indexes: [{ fields: ['status', 'nextAttemptAt'] }],
    endpoints: restEndpointsFor('webhookDeliveries'),
    access: { create: nobody, read: webhookDeliveriesAccess, update: nobody, delete: nobody },
    fields: [
      { ...workspaceField(slugs), admin: { ...readOnly, position: 'sidebar' } },
      { name: 'project', type: 'relationship', relationTo: slugs.projects, required: true, index: true, admin: readOnly },
      { name: 'subscription', type: 'relationship', relationTo: slugs.webhookSubscriptions, required: true, index: true, admin: readOnly },
      // text, not a select: the outbox trigger writes it from the event's own type (one of WEBHOOK_EVENTS)
      { name: 'event', type: 'text', required: true, index: true, admin: readOnly },
      {
        name: 'messageId',
        type: 'text',
        required: true,
        unique: true,
        admin: { ...readOnly, description: 'The webhook-id header: the same on every attempt, so receivers can drop repeats.' },
      },
      { name: 'payload', type: 'json', required: true, admin: readOnly },
      { name: 'status', type: 'select', required: true, defaultValue: 'pending', options: [...DELIVERY_STATUSES], admin: readOnly },
      { name: 'attempts', type: 'number', required: true, defaultValue: 0, admin: readOnly },
      {
        name: 'nextAttemptAt',
        type: 'date',
        admin: { ...readOnly, date: { pickerAppearance: 'dayAndTime' }, description: 'When a worker may take it next (pending only).' },
      },
      { name: 'lastStatus', type: 'number', admin: { ...readOnly, description: "The receiver's last HTTP status (empty: no answer)." } },
      { name: 'lastError', type: 'text', admin: readOnly },
      { name: 'responseMs', type: 'number', admin: { ...readOnly, description: 'How long the last attempt took.' } },
      // which claim the delivery is with: only that worker records the outcome (a replay or a lapsed lease ends it)
      { name: 'claimToken', type: 'text', admin: { hidden: true } },
      { name: 'deliveredAt', type: 'date', admin: { ...readOnly, date: { pickerAppearance: 'dayAndTime' } } },
    ],
  }
}
