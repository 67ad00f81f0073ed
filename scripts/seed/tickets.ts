/** Support-ticket texts for the text dataset, with what a careful annotator would mark in each. */
export type Ticket = {
  externalId: string
  text: string
  product: string
  problem?: string
  sentiment: 'positive' | 'neutral' | 'negative'
  topics: Array<'billing' | 'shipping' | 'quality' | 'account'>
}

export const TICKETS: Ticket[] = [
  {
    externalId: 'ticket-001',
    text: 'My Trailblazer 2 backpack arrived with a torn zip. I would like a replacement before my trip on Friday.',
    product: 'Trailblazer 2 backpack',
    problem: 'torn zip',
    sentiment: 'negative',
    topics: ['quality', 'shipping'],
  },
  {
    externalId: 'ticket-002',
    text: 'I was charged twice for the Summit tent this month. Please refund the second payment.',
    product: 'Summit tent',
    problem: 'charged twice',
    sentiment: 'negative',
    topics: ['billing'],
  },
  {
    externalId: 'ticket-003',
    text: 'The Glow headlamp is brilliant, the battery lasts all weekend. Thanks for the quick delivery!',
    product: 'Glow headlamp',
    sentiment: 'positive',
    topics: ['quality', 'shipping'],
  },
  {
    externalId: 'ticket-004',
    text: 'How do I change the email address on my account? I ordered a Drift sleeping bag with my old one.',
    product: 'Drift sleeping bag',
    problem: 'change the email address',
    sentiment: 'neutral',
    topics: ['account'],
  },
  {
    externalId: 'ticket-005',
    text: 'The Ridge trekking poles snapped on the first descent. This is dangerous and I expect a full refund.',
    product: 'Ridge trekking poles',
    problem: 'snapped on the first descent',
    sentiment: 'negative',
    topics: ['quality', 'billing'],
  },
  {
    externalId: 'ticket-006',
    text: 'Tracking for my Canyon water filter has not moved in nine days. Is the parcel lost?',
    product: 'Canyon water filter',
    problem: 'has not moved in nine days',
    sentiment: 'negative',
    topics: ['shipping'],
  },
  {
    externalId: 'ticket-007',
    text: 'Just wanted to say the Alpine jacket fits perfectly and kept me dry in a storm.',
    product: 'Alpine jacket',
    sentiment: 'positive',
    topics: ['quality'],
  },
  {
    externalId: 'ticket-008',
    text: 'Can I pay for the Basecamp stove in instalments? The checkout only offers a card.',
    product: 'Basecamp stove',
    problem: 'only offers a card',
    sentiment: 'neutral',
    topics: ['billing'],
  },
  {
    externalId: 'ticket-009',
    text: 'I cannot log in since the password reset, and my Trailblazer 2 backpack order is stuck in my basket.',
    product: 'Trailblazer 2 backpack',
    problem: 'cannot log in',
    sentiment: 'negative',
    topics: ['account'],
  },
  {
    externalId: 'ticket-010',
    text: 'The Glow headlamp arrived a day early and the strap is very comfortable. Five stars.',
    product: 'Glow headlamp',
    sentiment: 'positive',
    topics: ['shipping', 'quality'],
  },
  {
    externalId: 'ticket-011',
    text: 'The Summit tent poles were missing from the box. Please send them or collect the tent.',
    product: 'Summit tent',
    problem: 'poles were missing',
    sentiment: 'negative',
    topics: ['quality', 'shipping'],
  },
  {
    externalId: 'ticket-012',
    text: 'Is the Drift sleeping bag warm enough for minus five? I could not find the comfort rating.',
    product: 'Drift sleeping bag',
    problem: 'could not find the comfort rating',
    sentiment: 'neutral',
    topics: [],
  },
]
