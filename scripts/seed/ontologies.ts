import type { OntologyStructure } from '../../src/domain/ontology/schema.ts'

/** The demo's two ontologies: street scenes (every image shape, every classification type) and support tickets. */
export const STREET_ONTOLOGY = {
  name: 'Street scenes',
  description: 'Vehicles, buildings, lanes and traffic lights, with the scene conditions.',
  structure: {
    objects: [
      {
        id: 'car',
        name: 'Car',
        shape: 'bounding-box',
        colour: '#e4572e',
        attributes: [
          {
            id: 'car-occluded',
            name: 'Occluded',
            type: 'radio',
            options: [
              { id: 'occluded-no', label: 'No' },
              { id: 'occluded-yes', label: 'Yes' },
            ],
          },
        ],
      },
      { id: 'building', name: 'Building', shape: 'polygon', colour: '#76b041' },
      { id: 'lane', name: 'Lane marking', shape: 'polyline', colour: '#ffc914' },
      { id: 'traffic-light', name: 'Traffic light', shape: 'point', colour: '#17bebb' },
    ],
    classifications: [
      {
        id: 'weather',
        name: 'Weather',
        type: 'radio',
        required: true,
        options: [
          { id: 'clear', label: 'Clear' },
          {
            id: 'rain',
            label: 'Rain',
            classifications: [
              {
                id: 'rain-intensity',
                name: 'Rain intensity',
                type: 'radio',
                options: [
                  { id: 'rain-light', label: 'Light' },
                  { id: 'rain-heavy', label: 'Heavy' },
                ],
              },
            ],
          },
          { id: 'fog', label: 'Fog' },
        ],
      },
      {
        id: 'scene-tags',
        name: 'Scene',
        type: 'checklist',
        options: [
          { id: 'tag-urban', label: 'Urban' },
          { id: 'tag-traffic', label: 'Traffic' },
          { id: 'tag-signal', label: 'Signalised junction' },
        ],
      },
      { id: 'scene-notes', name: 'Notes', type: 'text' },
    ],
  } satisfies OntologyStructure,
}

export const TICKET_ONTOLOGY = {
  name: 'Support tickets',
  description: 'Product mentions and problems in customer messages, with sentiment and topics.',
  structure: {
    objects: [
      { id: 'product', name: 'Product', shape: 'text-span', colour: '#3066be' },
      { id: 'problem', name: 'Problem', shape: 'text-span', colour: '#d7263d' },
    ],
    classifications: [
      {
        id: 'sentiment',
        name: 'Sentiment',
        type: 'radio',
        required: true,
        options: [
          { id: 'positive', label: 'Positive' },
          { id: 'neutral', label: 'Neutral' },
          {
            id: 'negative',
            label: 'Negative',
            classifications: [
              {
                id: 'escalate',
                name: 'Escalate',
                type: 'radio',
                options: [
                  { id: 'escalate-yes', label: 'Yes' },
                  { id: 'escalate-no', label: 'No' },
                ],
              },
            ],
          },
        ],
      },
      {
        id: 'topics',
        name: 'Topics',
        type: 'checklist',
        options: [
          { id: 'billing', label: 'Billing' },
          { id: 'shipping', label: 'Shipping' },
          { id: 'quality', label: 'Quality' },
          { id: 'account', label: 'Account' },
        ],
      },
      { id: 'summary', name: 'Summary', type: 'text' },
    ],
  } satisfies OntologyStructure,
}
