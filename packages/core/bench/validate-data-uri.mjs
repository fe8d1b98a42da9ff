/**
 * What validating a request with a 20 MB data URI costs, against `JSON.stringify` of the same body
 * (which every send pays), measured in the same run. Validation reads only the image header and
 * the payload's end, so the ratio should be a small fraction whatever the image size.
 *
 * Run: `pnpm --filter @tokenhub/image-core run bench` after a build (`pnpm bench` builds first).
 * Options by env: BENCH_MB (20), BENCH_REPEATS (7).
 */
import { deflateSync } from 'node:zlib';
import { validateImageRequest } from '../dist/index.js';

const megabytes = Number(process.env.BENCH_MB ?? 20);
const repeats = Number(process.env.BENCH_REPEATS ?? 7);

/** A real 2048x1536 RGB PNG header and pixel data, padded with an ancillary chunk to `size`. */
function pngOfSize(size) {
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    return out; // CRC left 0: only headers are read here
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2048, 0);
  ihdr.writeUInt32BE(1536, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const head = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(1024))),
  ]);
  const filler = Buffer.alloc(size - head.length - 24);
  for (let i = 0; i < filler.length; i++) filler[i] = (i * 7919) & 0xff;
  return Buffer.concat([head, chunk('zzZZ', filler), chunk('IEND', Buffer.alloc(0))]);
}

const uri = `data:image/png;base64,${pngOfSize(megabytes * 1024 * 1024).toString('base64')}`;
const body = {
  model: 'wan2.7-image-pro',
  input: { messages: [{ role: 'user', content: [{ image: uri }, { text: 'Make the sky blue' }] }] },
  parameters: { size: '2K', n: 1 },
};

const result = validateImageRequest(body);
if (result.errors.length > 0)
  throw new Error(`the bench body must be valid: ${JSON.stringify(result.errors)}`);

/** Median milliseconds of `repeats` runs of `work` (after one warm-up). */
function median(work) {
  work();
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

let sink = 0;
const stringify = median(() => {
  sink += JSON.stringify(body).length;
});
const validate = median(() => {
  sink += validateImageRequest(body).errors.length;
});
console.log(`body with a ${megabytes} MB data URI (${(uri.length / 1e6).toFixed(1)} M characters)`);
console.log(`  JSON.stringify(body)       ${stringify.toFixed(3)} ms (median of ${repeats})`);
console.log(`  validateImageRequest(body) ${validate.toFixed(3)} ms`);
const ratio = validate / stringify;
console.log(`  ratio validate / stringify ${ratio.toExponential(2)} (goal: well below 5e-2)`);
if (sink < 0) console.log(sink);
