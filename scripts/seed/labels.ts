import type { LabelInput } from '../../src/domain/labels/validate.ts'
import type { Scene } from './scenes.ts'
import type { Ticket } from './tickets.ts'

/**
 * The labels demo annotators draw: from what a scene or a ticket holds. `sloppy` makes the mistakes a reviewer
 * rejects (a loose first box, a short lane, the wrong weather); the careful label is the fix.
 */
export type Mistake = 'loose-box' | 'short-lane' | 'wrong-weather'
type Geometry = { x: number; y: number; w: number; h: number }
const round = (value: number) => Math.round(value * 10_000) / 10_000

function loosen(box: Geometry): Geometry {
  const x = Math.max(0, box.x - 0.04)
  const y = Math.max(0, box.y - 0.05)
  return { x: round(x), y: round(y), w: round(Math.min(1 - x, box.w + 0.1)), h: round(Math.min(1 - y, box.h + 0.1)) }
}

export function sceneLabel(scene: Omit<Scene, 'png'>, mistake?: Mistake): LabelInput {
  const weather = mistake === 'wrong-weather' ? (scene.weather === 'clear' ? 'fog' : 'clear') : scene.weather
  return {
    objects: [
      ...scene.cars.map((box, i) => ({
        id: `car-${i + 1}`,
        featureId: 'car',
        geometry: i === 0 && mistake === 'loose-box' ? loosen(box) : box,
        attributes: [{ featureId: 'car-occluded', optionIds: [i === 1 ? 'occluded-yes' : 'occluded-no'] }],
      })),
      ...scene.buildings.slice(0, 3).map((building, i) => ({ id: `building-${i + 1}`, featureId: 'building', geometry: building })),
      ...scene.lanes.map((lane, i) => ({
        id: `lane-${i + 1}`,
        featureId: 'lane',
        geometry: i === 0 && mistake === 'short-lane' ? { points: lane.points.slice(1) } : lane,
      })),
      ...scene.lights.map((light, i) => ({ id: `light-${i + 1}`, featureId: 'traffic-light', geometry: light })),
    ],
    classifications: [
      {
        featureId: 'weather',
        optionIds: [weather],
        ...(weather === 'rain' ? { answers: [{ featureId: 'rain-intensity', optionIds: ['rain-light'] }] } : {}),
      },
      { featureId: 'scene-tags', optionIds: ['tag-urban', 'tag-traffic', 'tag-signal'] },
      ...(scene.weather === 'fog' ? [{ featureId: 'scene-notes', text: 'Low visibility: far buildings are hard to see.' }] : []),
    ],
  }
}

const span = (text: string, part: string) => {
  const start = text.indexOf(part)
  return { start, end: start + part.length }
}

/** A ticket's label; `dissent` gives the answer a second opinion would (neutral for negative, and no problem span). */
export function ticketLabel(ticket: Ticket, dissent = false): LabelInput {
  const sentiment = dissent && ticket.sentiment === 'negative' ? 'neutral' : ticket.sentiment
  return {
    objects: [
      { id: 'product-1', featureId: 'product', geometry: span(ticket.text, ticket.product) },
      ...(ticket.problem && !dissent ? [{ id: 'problem-1', featureId: 'problem', geometry: span(ticket.text, ticket.problem) }] : []),
    ],
    classifications: [
      {
        featureId: 'sentiment',
        optionIds: [sentiment],
        ...(sentiment === 'negative'
          ? { answers: [{ featureId: 'escalate', optionIds: [ticket.topics.includes('quality') ? 'escalate-yes' : 'escalate-no'] }] }
          : {}),
      },
      ...(ticket.topics.length ? [{ featureId: 'topics', optionIds: ticket.topics }] : []),
      { featureId: 'summary', text: `${ticket.product}: ${ticket.problem ?? 'feedback'}` },
    ],
  }
}
