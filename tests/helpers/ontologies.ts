// The street ontology the API tests label with: cars (boxes), people (points) and a required Weather answer.
export const WEATHER = {
  id: 'weather',
  name: 'Weather',
  type: 'radio',
  required: true,
  options: [
    { id: 'sun', label: 'Sun' },
    { id: 'rain', label: 'Rain' },
  ],
} as const

export const STREET_ONTOLOGY = {
  objects: [
    { id: 'car', name: 'Car', shape: 'bounding-box' },
    { id: 'person', name: 'Person', shape: 'point' },
  ],
  classifications: [WEATHER],
} as const

/** A box of the test labels, 0.2 wide and high, at `x`. */
export const box = (x: number) => ({ x, y: 0.1, w: 0.2, h: 0.2 })

/** The street ontology made in a workflow world's workspace by its Admin; answers its id. */
export async function createStreetOntology(world: {
  workspace: number
  asAdmin: { post: (path: string, body: object) => PromiseLike<{ body: any }> }
}): Promise<number> {
  return (await world.asAdmin.post('/api/ontologies', { workspace: world.workspace, name: 'Street', ...STREET_ONTOLOGY })).body.doc.id
}
