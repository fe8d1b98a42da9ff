/**
 * `fileImageStore`: the proxy's image store on the local disk, so same-origin image URLs keep
 * working after the signed links expire. Bounded: each image and the whole folder have a cap; the
 * oldest images go first when a new one does not fit.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteRange, ImageStore, KeptImage } from '../server/files/image-store.js';
import { numberOption } from '../shared/options.js';

/** Options of {@link fileImageStore}. */
export interface FileImageStoreOptions {
  /** The folder (created when missing). Give each app its own. */
  dir: string;
  /** Largest total size of the kept images in bytes; the oldest are removed beyond it. Default 1 GiB. */
  maxTotalBytes?: number;
  /** Largest single image in bytes; a larger one is not kept (`put` rejects). Default 32 MiB. */
  maxImageBytes?: number;
}

interface Meta {
  contentType: string;
  size: number;
}

const metaSuffix = '.json';

/** A file name for an image: a digest, so ids (user scopes, keys) never reach the path. */
function fileName(id: string, index: number): string {
  return `${createHash('sha256').update(`${id}#${index}`).digest('hex').slice(0, 40)}`;
}

/** Counts bytes through a stream and fails once they pass `max`. */
function capBytes(max: number): Transform & { bytes(): number } {
  let bytes = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > max) callback(new Error(`the image is larger than maxImageBytes (${max})`));
      else callback(null, chunk);
    },
  });
  return Object.assign(transform, { bytes: () => bytes });
}

/**
 * An {@link ImageStore} in a folder of this machine. Pass it to `createProxyHandler({ imageStore })`
 * with `rewriteImageURLs: true`; the images then load from your origin for as long as they are
 * kept (not only the 24 hours of the signed links).
 */
export function fileImageStore(options: FileImageStoreOptions): ImageStore {
  if (typeof options.dir !== 'string' || options.dir === '') {
    throw new TypeError('fileImageStore: dir is required');
  }
  const dir = options.dir;
  const maxTotalBytes = numberOption(options.maxTotalBytes, 1024 ** 3, {
    owner: 'fileImageStore',
    name: 'maxTotalBytes',
    min: 1,
  });
  const maxImageBytes = numberOption(options.maxImageBytes, 32 * 1024 ** 2, {
    owner: 'fileImageStore',
    name: 'maxImageBytes',
    min: 1,
  });
  // name -> size, oldest first; read from the folder once, then kept in step with it.
  let index: Promise<Map<string, number>> | undefined;
  const loadIndex = async (): Promise<Map<string, number>> => {
    await mkdir(dir, { recursive: true });
    const found: Array<{ name: string; size: number; time: number }> = [];
    for (const entry of await readdir(dir)) {
      if (!entry.endsWith(metaSuffix)) continue;
      const name = entry.slice(0, -metaSuffix.length);
      const info = await stat(join(dir, name)).catch(() => undefined);
      if (info) found.push({ name, size: info.size, time: info.mtimeMs });
    }
    found.sort((a, b) => a.time - b.time);
    return new Map(found.map(({ name, size }) => [name, size]));
  };
  const files = () => {
    index ??= loadIndex();
    return index;
  };
  const remove = async (name: string) => {
    await rm(join(dir, name), { force: true });
    await rm(join(dir, `${name}${metaSuffix}`), { force: true });
  };

  return {
    async put(id, imageIndex, image) {
      const kept = await files();
      const name = fileName(id, imageIndex);
      const temporary = join(dir, `${name}.${process.pid}.${Date.now()}.part`);
      const counter = capBytes(maxImageBytes);
      try {
        await pipeline(
          Readable.fromWeb(image.body as import('node:stream/web').ReadableStream<Uint8Array>),
          counter,
          createWriteStream(temporary),
        );
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      const size = counter.bytes();
      const meta: Meta = { contentType: image.contentType, size };
      await rename(temporary, join(dir, name));
      await writeFile(join(dir, `${name}${metaSuffix}`), JSON.stringify(meta));
      kept.delete(name);
      kept.set(name, size);
      let total = 0;
      for (const bytes of kept.values()) total += bytes;
      for (const [oldest, bytes] of kept) {
        if (total <= maxTotalBytes || oldest === name) break;
        kept.delete(oldest);
        total -= bytes;
        await remove(oldest);
      }
    },
    async get(id, imageIndex, range?: ByteRange): Promise<KeptImage | undefined> {
      const name = fileName(id, imageIndex);
      if (!(await files()).has(name)) return undefined;
      let meta: Meta;
      try {
        meta = JSON.parse(await readFile(join(dir, `${name}${metaSuffix}`), 'utf8')) as Meta;
      } catch {
        return undefined;
      }
      const served =
        range && range.start < meta.size
          ? { start: range.start, end: Math.min(range.end, meta.size - 1) }
          : undefined;
      if (range && !served) return undefined;
      const stream = createReadStream(join(dir, name), served ?? {});
      const body = Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
      return {
        body,
        contentType: meta.contentType,
        size: meta.size,
        ...(served ? { range: served } : {}),
      };
    },
  };
}
