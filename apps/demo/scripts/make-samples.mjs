// Writes the demo's sample reference images (public/samples/*.png): flat drawings made here, so
// their original pixel size is known and nothing is downloaded. Run: node scripts/make-samples.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'samples');

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
/** An RGB PNG from `pixel(x, y) -> [r, g, b]`. */
function png(width, height, pixel) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const inRect = (x, y, x1, y1, x2, y2) => x >= x1 && x < x2 && y >= y1 && y < y2;

// A living room, 960x640: wall, floor, window, sofa and a side table.
const room = png(960, 640, (x, y) => {
  if (inRect(x, y, 600, 90, 860, 330)) {
    if (Math.abs(x - 730) < 5 || Math.abs(y - 210) < 5) return [240, 240, 235];
    return [150, 200, 235];
  }
  if (inRect(x, y, 590, 80, 870, 340)) return [240, 240, 235];
  if (inRect(x, y, 90, 330, 470, 420)) return [70, 100, 150];
  if (inRect(x, y, 70, 400, 490, 500)) return [60, 88, 135];
  if (inRect(x, y, 80, 500, 100, 530) || inRect(x, y, 460, 500, 480, 530)) return [50, 40, 35];
  if (inRect(x, y, 560, 430, 700, 445)) return [120, 80, 50];
  if (inRect(x, y, 620, 445, 640, 540)) return [120, 80, 50];
  if (y >= 520)
    return (Math.floor(x / 80) + Math.floor(y / 40)) % 2 ? [176, 132, 92] : [166, 122, 84];
  return [236, 226, 206];
});

// An alarm clock, 320x320: a red body, white face, two hands.
const clock = png(320, 320, (x, y) => {
  const dx = x - 160;
  const dy = y - 170;
  const r = Math.hypot(dx, dy);
  if (Math.hypot(x - 95, y - 70) < 30 || Math.hypot(x - 225, y - 70) < 30) return [200, 40, 40];
  if (r < 90) {
    if (Math.abs(dx) < 4 && dy < 0 && dy > -65) return [30, 30, 30];
    if (Math.abs(dy) < 4 && dx > 0 && dx < 45) return [30, 30, 30];
    return [250, 248, 240];
  }
  if (r < 110) return [200, 40, 40];
  if (inRect(x, y, 90, 270, 110, 300) || inRect(x, y, 210, 270, 230, 300)) return [60, 60, 60];
  return [225, 235, 225];
});

writeFileSync(join(out, 'room.png'), room);
writeFileSync(join(out, 'clock.png'), clock);
console.log(`room.png ${room.length} B, clock.png ${clock.length} B in ${out}`);
