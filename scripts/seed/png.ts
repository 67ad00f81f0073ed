import { deflateSync } from 'node:zlib'

/** An RGB raster to draw simple scenes on, encoded as PNG without any dependency (zlib is Node's). */
export type Rgb = readonly [number, number, number]
export type Point = readonly [number, number]

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8)
  return (crc ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

export class Raster {
  readonly pixels: Buffer

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.pixels = Buffer.alloc(width * height * 3)
    this.fillRect(0, 0, width, height, background)
  }

  /** Blends `colour` over the pixel with `alpha` (0..1). */
  plot(x: number, y: number, colour: Rgb, alpha = 1): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return
    const at = (Math.floor(y) * this.width + Math.floor(x)) * 3
    for (let c = 0; c < 3; c++) this.pixels[at + c] = Math.round(this.pixels[at + c]! * (1 - alpha) + colour[c]! * alpha)
  }

  fillRect(x: number, y: number, w: number, h: number, colour: Rgb, alpha = 1): void {
    for (let row = Math.max(0, Math.floor(y)); row < Math.min(this.height, Math.ceil(y + h)); row++)
      for (let col = Math.max(0, Math.floor(x)); col < Math.min(this.width, Math.ceil(x + w)); col++) this.plot(col, row, colour, alpha)
  }

  /** A vertical gradient from `top` to `bottom` over the rows y..y+h. */
  gradient(y: number, h: number, top: Rgb, bottom: Rgb): void {
    for (let row = 0; row < h; row++) {
      const t = h <= 1 ? 0 : row / (h - 1)
      const colour: Rgb = [0, 1, 2].map((c) => top[c]! + (bottom[c]! - top[c]!) * t) as unknown as Rgb
      this.fillRect(0, y + row, this.width, 1, colour)
    }
  }

  /** Even-odd scanline fill of a polygon (pixel centres). */
  fillPolygon(points: readonly Point[], colour: Rgb, alpha = 1): void {
    const ys = points.map((point) => point[1])
    for (let row = Math.max(0, Math.floor(Math.min(...ys))); row <= Math.min(this.height - 1, Math.ceil(Math.max(...ys))); row++) {
      const y = row + 0.5
      const crossings: number[] = []
      points.forEach((a, i) => {
        const b = points[(i + 1) % points.length]!
        if (a[1] <= y !== b[1] <= y) crossings.push(a[0] + ((y - a[1]) / (b[1] - a[1])) * (b[0] - a[0]))
      })
      crossings.sort((p, q) => p - q)
      for (let i = 0; i + 1 < crossings.length; i += 2)
        for (let col = Math.max(0, Math.round(crossings[i]!)); col < Math.min(this.width, Math.round(crossings[i + 1]!)); col++)
          this.plot(col, row, colour, alpha)
    }
  }

  fillCircle(cx: number, cy: number, r: number, colour: Rgb, alpha = 1): void {
    for (let row = Math.floor(cy - r); row <= Math.ceil(cy + r); row++)
      for (let col = Math.floor(cx - r); col <= Math.ceil(cx + r); col++)
        if ((col + 0.5 - cx) ** 2 + (row + 0.5 - cy) ** 2 <= r * r) this.plot(col, row, colour, alpha)
  }

  /** A thick line: a quadrilateral around the segment. */
  line(a: Point, b: Point, width: number, colour: Rgb, alpha = 1): void {
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1
    const nx = ((a[1] - b[1]) / length) * (width / 2)
    const ny = ((b[0] - a[0]) / length) * (width / 2)
    this.fillPolygon(
      [
        [a[0] + nx, a[1] + ny],
        [b[0] + nx, b[1] + ny],
        [b[0] - nx, b[1] - ny],
        [a[0] - nx, a[1] - ny],
      ],
      colour,
      alpha,
    )
  }

  /** The raster as a PNG file (8-bit RGB, no interlace). */
  toPng(): Buffer {
    const header = Buffer.alloc(13)
    header.writeUInt32BE(this.width, 0)
    header.writeUInt32BE(this.height, 4)
    header.set([8, 2, 0, 0, 0], 8) // bit depth 8, colour type 2 (RGB), deflate, no filter method, no interlace
    const stride = this.width * 3
    const raw = Buffer.alloc((stride + 1) * this.height)
    for (let row = 0; row < this.height; row++) this.pixels.copy(raw, row * (stride + 1) + 1, row * stride, (row + 1) * stride)
    return Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', deflateSync(raw, { level: 9 })),
      chunk('IEND', Buffer.alloc(0)),
    ])
  }
}
