/**
 * Demo images the simulator serves at `/media/<name>.png`, made in code (solid-colour 8×8 PNGs) so the
 * repository holds no binaries and cards and carousels have something real to point at.
 */
import { deflateSync } from 'node:zlib';

const COLOURS: Record<string, [number, number, number]> = {
  'plan-basic': [0x4f, 0x9d, 0xde],
  'plan-plus': [0x2e, 0x7d, 0x32],
  'plan-pro': [0x6a, 0x1b, 0x9a],
  'order-status': [0xf5, 0x7c, 0x00],
  'store-map': [0x00, 0x83, 0x8f],
  receipt: [0x75, 0x75, 0x75],
};

export const MEDIA_NAMES = Object.keys(COLOURS).map((name) => `${name}.png`);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

export function solidPng([r, g, b]: [number, number, number], size = 8): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  const row = Buffer.from([0, ...Array.from({ length: size }, () => [r, g, b]).flat()]);
  const pixels = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const cache = new Map<string, Buffer>();

/** The PNG for `/media/<name>`, or undefined when there is no such file. */
export function mediaFile(name: string): Buffer | undefined {
  const colour = COLOURS[name.replace(/\.png$/, '')];
  if (!colour || !name.endsWith('.png')) return undefined;
  let png = cache.get(name);
  if (!png) {
    png = solidPng(colour);
    cache.set(name, png);
  }
  return png;
}
