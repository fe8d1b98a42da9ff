/**
 * Real small images made in the test, no files: PNG through node:zlib (a complete, decodable
 * file), and JPEG, WebP and BMP as the header bytes their specifications define.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** PNG colour types: 2 RGB, 6 RGBA, 3 palette. */
export interface PngOptions {
  colorType?: 2 | 3 | 6;
  /** Adds a tRNS (transparency) chunk before the pixels. */
  transparency?: boolean;
}

/** A complete grey PNG of `width` x `height`. */
export function png(width: number, height: number, options: PngOptions = {}): Buffer {
  const colorType = options.colorType ?? 2;
  const channels = { 2: 3, 3: 1, 6: 4 }[colorType];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, colorType, 0, 0, 0], 8);
  const row = 1 + width * channels;
  const pixels = Buffer.alloc(row * height, 0x80);
  for (let y = 0; y < height; y++) pixels[y * row] = 0; // filter type None
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('sRGB', Buffer.from([0])),
    ...(colorType === 3 ? [chunk('PLTE', Buffer.from([0x80, 0x80, 0x80]))] : []),
    ...(options.transparency ? [chunk('tRNS', Buffer.from([0]))] : []),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function segment(marker: number, payload: Uint8Array): Buffer {
  const out = Buffer.alloc(4 + payload.length);
  out.set([0xff, marker], 0);
  out.writeUInt16BE(payload.length + 2, 2);
  out.set(payload, 4);
  return out;
}

/** JPEG options: a progressive frame (SOF2) and an EXIF block of `exifBytes` before it. */
export interface JpegOptions {
  progressive?: boolean;
  exifBytes?: number;
}

/** The header of a JPEG up to its first scan: SOI, APP0/APP1, DQT, SOFn, SOS. */
export function jpeg(width: number, height: number, options: JpegOptions = {}): Buffer {
  const frame = Buffer.from([8, 0, 0, 0, 0, 1, 1, 0x11, 0]);
  frame.writeUInt16BE(height, 1);
  frame.writeUInt16BE(width, 3);
  const app =
    options.exifBytes === undefined
      ? segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'))
      : segment(
          0xe1,
          Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.alloc(options.exifBytes, 0xff)]),
        );
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    app,
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(options.progressive ? 0xc2 : 0xc0, frame),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.alloc(64, 0x55),
    Buffer.from([0xff, 0xd9]),
  ]);
}

function riff(fourcc: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(fourcc, 'latin1'), Buffer.alloc(4), data]);
  body.writeUInt32LE(data.length, 4);
  const head = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  head.writeUInt32LE(4 + body.length, 4);
  return Buffer.concat([head, body]);
}

/** The header of a WebP: a lossy `VP8 `, lossless `VP8L` or extended `VP8X` first chunk. */
export function webp(width: number, height: number, kind: 'VP8 ' | 'VP8L' | 'VP8X'): Buffer {
  if (kind === 'VP8 ') {
    const data = Buffer.alloc(30);
    data.set([0x50, 0x02, 0x00, 0x9d, 0x01, 0x2a], 0);
    data.writeUInt16LE(width, 6);
    data.writeUInt16LE(height, 8);
    return riff(kind, data);
  }
  if (kind === 'VP8L') {
    const data = Buffer.alloc(20);
    data[0] = 0x2f;
    data.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0, 1);
    return riff(kind, data);
  }
  const data = Buffer.alloc(10);
  data.writeUIntLE(width - 1, 4, 3);
  data.writeUIntLE(height - 1, 7, 3);
  return Buffer.concat([riff(kind, data), Buffer.from('VP8L\x05\0\0\0\x2f\0\0\0\0\0', 'latin1')]);
}

/** A complete 24-bit BMP (BITMAPINFOHEADER); `topDown` stores a negative height. */
export function bmp(width: number, height: number, topDown = false): Buffer {
  const row = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + row * height, 0x80);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(0, 6);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(topDown ? -height : height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(0, 30);
  return out;
}

/** `bytes` as a data URI declaring `type`. */
export function dataUri(type: string, bytes: Uint8Array): string {
  return `data:image/${type};base64,${Buffer.from(bytes).toString('base64')}`;
}
