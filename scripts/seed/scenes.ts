import { type Point, Raster, type Rgb } from './png.ts'

/** Street scenes drawn locally (no network): a PNG and what is in it, in the label geometry's 0..1 units. */
export type Weather = 'clear' | 'rain' | 'fog'
export type Scene = {
  png: Buffer
  width: number
  height: number
  weather: Weather
  cars: Array<{ x: number; y: number; w: number; h: number }>
  buildings: Array<{ points: Array<[number, number]> }>
  lanes: Array<{ points: Array<[number, number]> }>
  lights: Array<{ x: number; y: number }>
}

export const SCENE_WIDTH = 640
export const SCENE_HEIGHT = 400

/** A small deterministic PRNG (mulberry32): the same index always draws the same scene. */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const CAR_COLOURS: Rgb[] = [
  [214, 69, 65],
  [52, 101, 164],
  [240, 190, 50],
  [90, 90, 96],
  [236, 236, 236],
  [46, 139, 87],
]
const BUILDING_COLOURS: Rgb[] = [
  [176, 132, 110],
  [150, 160, 172],
  [196, 178, 140],
  [128, 110, 140],
]
const SKY: Record<Weather, [Rgb, Rgb]> = {
  clear: [
    [92, 160, 230],
    [196, 224, 246],
  ],
  rain: [
    [96, 104, 116],
    [150, 156, 164],
  ],
  fog: [
    [190, 194, 198],
    [214, 216, 218],
  ],
}
const round = (value: number) => Math.round(value * 10_000) / 10_000
const clamp = (value: number) => Math.min(1, Math.max(0, value))

/** Scene number `index`: sky, buildings on the horizon, a road with lanes, cars and a traffic light. */
export function drawScene(index: number): Scene {
  const W = SCENE_WIDTH
  const H = SCENE_HEIGHT
  const rand = random(1000 + index)
  const weather: Weather = (['clear', 'clear', 'rain', 'fog'] as const)[index % 4]!
  const image = new Raster(W, H)
  const horizon = Math.round(H * (0.42 + rand() * 0.08))
  image.gradient(0, horizon, ...SKY[weather])
  // ground either side of the road
  image.gradient(horizon, H - horizon, [118, 150, 92], [88, 120, 70])

  const buildings: Scene['buildings'] = []
  let x = -10 + rand() * 30
  while (x < W - 40) {
    const w = 60 + rand() * 80
    const h = 50 + rand() * 90
    const roof = rand() < 0.5 ? 0 : 12 + rand() * 20
    const outline: Point[] = [
      [x, horizon],
      [x, horizon - h],
      ...(roof ? ([[x + w / 2, horizon - h - roof]] as Point[]) : []),
      [x + w, horizon - h],
      [x + w, horizon],
    ]
    const colour = BUILDING_COLOURS[Math.floor(rand() * BUILDING_COLOURS.length)]!
    image.fillPolygon(outline, colour)
    for (let wy = horizon - h + 10; wy < horizon - 18; wy += 18)
      for (let wx = x + 8; wx < x + w - 14; wx += 16) image.fillRect(wx, wy, 8, 10, [240, 228, 170], 0.85)
    buildings.push({ points: outline.map(([px, py]) => [round(clamp(px / W)), round(clamp(py / H))]) })
    x += w + 10 + rand() * 40
  }

  // the road: a trapezoid from the vanishing point to the bottom edge
  const vanishing = W * (0.42 + rand() * 0.16)
  const road: Point[] = [
    [vanishing - 30, horizon],
    [vanishing + 30, horizon],
    [W * 0.98, H],
    [W * 0.02, H],
  ]
  image.fillPolygon(road, [72, 74, 80])
  const lanes: Scene['lanes'] = []
  for (const share of [0.36, 0.64]) {
    const bottom = W * 0.02 + share * W * 0.96
    const top = vanishing - 30 + share * 60
    const mid: Point = [(top + bottom) / 2 + (rand() - 0.5) * 6, (horizon + H) / 2]
    const points: Point[] = [[top, horizon], mid, [bottom, H]]
    for (let dash = 0; dash < 10; dash += 2) {
      const at = (t: number): Point => [top + (bottom - top) * t, horizon + (H - horizon) * t]
      image.line(at(dash / 10), at((dash + 1) / 10), 2 + (dash / 10) * 5, [244, 244, 236])
    }
    lanes.push({ points: points.map(([px, py]) => [round(clamp(px / W)), round(clamp(py / H))]) })
  }

  const cars: Scene['cars'] = []
  const count = 1 + Math.floor(rand() * 3)
  for (let i = 0; i < count; i++) {
    const depth = 0.25 + ((i + rand()) / count) * 0.65 // 0 at the horizon, 1 at the bottom edge
    const cy = horizon + (H - horizon) * depth
    const cw = 40 + depth * 150
    const ch = cw * 0.55
    const lane = (i % 3) - 1
    const cx = vanishing + lane * (cw * 1.1) + (rand() - 0.5) * 20 - cw / 2
    const colour = CAR_COLOURS[Math.floor(rand() * CAR_COLOURS.length)]!
    const left = Math.max(2, cx)
    const top = cy - ch
    image.fillRect(left, top + ch * 0.35, cw, ch * 0.5, colour)
    image.fillRect(left + cw * 0.18, top, cw * 0.64, ch * 0.4, colour)
    image.fillRect(left + cw * 0.24, top + ch * 0.06, cw * 0.52, ch * 0.28, [180, 210, 230])
    image.fillCircle(left + cw * 0.22, top + ch * 0.86, ch * 0.14, [25, 25, 25])
    image.fillCircle(left + cw * 0.78, top + ch * 0.86, ch * 0.14, [25, 25, 25])
    const w = Math.min(cw, W - left)
    cars.push({ x: round(left / W), y: round(top / H), w: round(Math.min(w / W, 1 - left / W)), h: round(Math.min(ch / H, 1 - top / H)) })
  }

  const lights: Scene['lights'] = []
  const pole = rand() < 0.5 ? W * 0.1 : W * 0.88
  image.line([pole, horizon + 40], [pole, horizon - 70], 4, [40, 40, 44])
  image.fillRect(pole - 9, horizon - 110, 18, 44, [30, 30, 34])
  const lit = Math.floor(rand() * 3)
  const lampColours: Rgb[] = [
    [230, 50, 40],
    [240, 180, 40],
    [60, 200, 90],
  ]
  lampColours.forEach((colour, i) => image.fillCircle(pole, horizon - 102 + i * 14, 5, i === lit ? colour : [70, 70, 70]))
  lights.push({ x: round(pole / W), y: round((horizon - 102 + lit * 14) / H) })

  if (weather === 'rain') {
    for (let i = 0; i < 220; i++) {
      const rx = rand() * W
      const ry = rand() * H
      image.line([rx, ry], [rx - 4, ry + 14], 1, [210, 220, 235], 0.45)
    }
  }
  if (weather === 'fog') image.fillRect(0, 0, W, H, [230, 232, 234], 0.4)
  return { png: image.toPng(), width: W, height: H, weather, cars, buildings, lanes, lights }
}
