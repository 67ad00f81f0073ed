import { describe, expect, it } from 'vitest'

import { cocoCategories, fromCocoAnnotation, toCocoAnnotation } from '../../src/domain/exchange/coco.ts'
import { cocoRecords, detectFormat, labelOpsRecords } from '../../src/domain/exchange/importRecords.ts'
import { matchRecords, type TaskCandidate } from '../../src/domain/exchange/matching.ts'
import { decodeCompressedRle, encodeCompressedRle } from '../../src/domain/exchange/rle.ts'
import { streamedResponse } from '../../src/endpoints/fromRegistry.ts'
import { exportAsValue } from '../../src/operations/exportLabels.ts'

const ONTOLOGY = {
  objects: [
    { id: 'car', name: 'Car', shape: 'bounding-box' as const },
    { id: 'road', name: 'Road surface', shape: 'polygon' as const },
  ],
}
const SIZE = { width: 200, height: 100 }
const ids = { annotation: 1, image: 1, category: 1 }

describe('COCO annotations', () => {
  it('writes a box in pixels and reads it back to the same units', () => {
    const object = { id: 'c1', featureId: 'car', geometry: { x: 0.25, y: 0.5, w: 0.5, h: 0.25 } }
    const annotation = toCocoAnnotation(object, 'bounding-box', ids, SIZE)!
    expect(annotation).toMatchObject({ bbox: [50, 50, 100, 25], area: 2500, iscrowd: 0, labelops_object_id: 'c1' })
    expect(annotation.segmentation).toEqual([[50, 50, 150, 50, 150, 75, 50, 75]])
    expect(fromCocoAnnotation(annotation as never, 'bounding-box', 'car', SIZE, 'x')).toEqual({ object })
  })

  it('gives a polygon its bounding box and area (shoelace), and a mask its extent from the runs', () => {
    const polygon = toCocoAnnotation(
      {
        id: 'r',
        featureId: 'road',
        geometry: {
          points: [
            [0, 0],
            [1, 0],
            [1, 1],
          ],
        },
      },
      'polygon',
      ids,
      SIZE,
    )!
    expect(polygon).toMatchObject({ bbox: [0, 0, 200, 100], area: 10_000 })
    // a 3 × 2 grid, column-major: column 0 = [0, 1, 1], column 1 = [1, 0, 0]
    const mask = toCocoAnnotation({ id: 'm', featureId: 'sky', geometry: { rle: { size: [3, 2], counts: [1, 3, 2] } } }, 'bitmask', ids, {
      width: 2,
      height: 3,
    })!
    expect(mask).toMatchObject({ bbox: [0, 0, 2, 3], area: 3, segmentation: { size: [3, 2], counts: [1, 3, 2] } })
    const single = toCocoAnnotation({ id: 'm', featureId: 'sky', geometry: { rle: { size: [3, 2], counts: [1, 2, 3] } } }, 'bitmask', ids, {
      width: 2,
      height: 3,
    })!
    expect(single).toMatchObject({ bbox: [0, 1, 1, 2], area: 2 })
  })

  it('says which field cannot make the shape', () => {
    expect(fromCocoAnnotation({ bbox: [1, 2] }, 'bounding-box', 'car', SIZE, 'x')).toEqual({
      problem: 'bbox must be [x, y, width, height] in pixels',
    })
    expect(fromCocoAnnotation({ segmentation: [[1, 2, 3, 4]] }, 'polygon', 'road', SIZE, 'x')).toMatchObject({
      problem: expect.stringMatching(/at least 3 points/),
    })
    expect(fromCocoAnnotation({}, 'polyline', 'lane', SIZE, 'x')).toMatchObject({ problem: expect.stringMatching(/has no COCO form/) })
  })

  it('names categories after the ontology, and maps them back by feature id or by name', () => {
    expect(cocoCategories(ONTOLOGY).map((category) => [category.id, category.name, category.supercategory])).toEqual([
      [1, 'Car', 'bounding-box'],
      [2, 'Road surface', 'polygon'],
    ])
    const { records, problems } = cocoRecords(
      {
        images: [{ id: 9, file_name: 'a.png', width: 200, height: 100 }],
        categories: [
          { id: 1, name: 'road_surface' },
          { id: 2, name: 'Bicycle' },
        ],
        annotations: [{ id: 5, image_id: 9, category_id: 1, segmentation: [[0, 0, 200, 0, 200, 100]] }],
      },
      ONTOLOGY,
    )
    expect(problems).toEqual([{ path: 'categories[1]', message: expect.stringMatching(/^"Bicycle" is not an object/) }])
    expect(records).toEqual([
      {
        at: 'images[0]',
        match: { name: 'a.png' },
        label: {
          objects: [
            {
              id: 'coco-5',
              featureId: 'road',
              geometry: {
                points: [
                  [0, 0],
                  [1, 0],
                  [1, 1],
                ],
              },
            },
          ],
          classifications: [],
        },
      },
    ])
  })
})

describe('compressed RLE (pycocotools)', () => {
  it('round-trips run lengths, the differences from the third run on included', () => {
    for (const counts of [
      [3, 4, 13],
      [0, 5, 1000, 2, 7, 64, 31],
      [100_000, 1, 1, 99_998],
    ]) {
      expect(decodeCompressedRle(encodeCompressedRle(counts))).toEqual(counts)
    }
    expect(encodeCompressedRle([3, 4, 13])).toBe('34=')
    expect(decodeCompressedRle('\u0020')).toBeNull()
  })
})

describe('matching records to tasks', () => {
  const candidates: TaskCandidate[] = [
    { task: '1', externalId: 'a', name: 'x.png', frames: null, textLength: null },
    { task: '2', externalId: 'b', name: 'x.png', frames: null, textLength: null },
  ]
  const record = (at: string, match: object) => ({ at, match, label: { objects: [], classifications: [] } })

  it('prefers the task, then the external id, then a name that is unique', () => {
    const { matched, problems } = matchRecords(
      [
        record('r0', { task: '2' }),
        record('r1', { task: '99', externalId: 'a' }),
        record('r2', { name: 'x.png' }),
        record('r3', { externalId: 'b' }),
      ],
      candidates,
    )
    expect(matched.map((row) => [row.at, row.candidate.task])).toEqual([
      ['r0', '2'],
      ['r1', '1'],
    ])
    expect(problems).toEqual([
      { path: 'r2', message: expect.stringMatching(/^matches 2 tasks .*externalId/) },
      { path: 'r3', message: 'is for the same task as r0: one label per task' },
    ])
  })

  it('reads LabelOps JSON rows, skipping unlabelled ones and naming rows without an item', () => {
    expect(detectFormat({ format: 'labelops', tasks: [] })).toBe('labelops')
    expect(detectFormat({ images: [], annotations: [] })).toBe('coco')
    expect(detectFormat([])).toBeNull()
    const { records, problems } = labelOpsRecords({
      tasks: [{ task: 1, label: null }, { label: {} }, { dataItem: { name: 'n' }, label: {} }],
    })
    expect(records).toEqual([{ at: 'tasks[2]', match: { name: 'n' }, label: { objects: [], classifications: [] } }])
    expect(problems).toEqual([{ path: 'tasks[1]', message: expect.stringMatching(/names no task/) }])
  })
})

describe('a streamed download', () => {
  it('ends its producer when the client goes away', async () => {
    let closed = false
    async function* endless() {
      try {
        for (;;) yield 'chunk'
      } finally {
        closed = true
      }
    }
    const response = await streamedResponse({ status: 200, stream: endless(), contentType: 'application/json', filename: 'a b.json' })
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="a_b.json"')
    const reader = response.body!.getReader()
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('chunk')
    await reader.cancel()
    expect(closed).toBe(true)
  })

  it('fails before answering when the producer cannot start', async () => {
    async function* broken(): AsyncGenerator<string> {
      await Promise.resolve()
      if (Date.now() > 0) throw new Error('no connection')
      yield 'never'
    }
    await expect(streamedResponse({ status: 200, stream: broken(), contentType: 'x', filename: 'f' })).rejects.toThrow('no connection')
  })
})

describe("GraphQL's export", () => {
  it('refuses an export larger than an answer holds, naming the REST route, and ends the producer', async () => {
    let closed = false
    async function* large() {
      try {
        yield '{"tasks":['
        for (;;) yield '"' + 'x'.repeat(100_000) + '",'
      } finally {
        closed = true
      }
    }
    await expect(exportAsValue({ chunks: large(), filename: 'f', contentType: 'x', format: 'labelops' })).rejects.toThrow(
      /larger than GraphQL answers .*GET \/api\/projects\/:id\/export/,
    )
    expect(closed).toBe(true)
  })
})
