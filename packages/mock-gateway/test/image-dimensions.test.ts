import { describe, expect, it } from 'vitest';

// The reader is the core's readImageHeader (its own tests use hand-built headers); these run it on
// real files made by image tools, through the mock's adapter.
import { readImageDimensions } from '../src/image-dimensions.js';
import { imageFixture, pngDataUri } from './helpers.js';

const pngBytes = (width: number, height: number): Buffer =>
  Buffer.from(pngDataUri(width, height).split(',')[1] ?? '', 'base64');

describe('PNG', () => {
  it('reads width and height from IHDR', () => {
    expect(readImageDimensions(pngBytes(300, 200))).toEqual({
      width: 300,
      height: 200,
      format: 'png',
    });
    expect(readImageDimensions(pngBytes(7, 1900))).toEqual({
      width: 7,
      height: 1900,
      format: 'png',
    });
  });

  it('rejects other formats and truncated headers', () => {
    expect(readImageDimensions(imageFixture('300x200.jpg'))?.format).toBe('jpeg');
    expect(readImageDimensions(pngBytes(300, 200).subarray(0, 20))).toBeUndefined();
  });
});

describe('JPEG', () => {
  it('finds the SOF0 frame after the JFIF segment (real files)', () => {
    expect(readImageDimensions(imageFixture('300x200.jpg'))).toEqual({
      width: 300,
      height: 200,
      format: 'jpeg',
    });
    expect(readImageDimensions(imageFixture('123x457.jpg'))).toEqual({
      width: 123,
      height: 457,
      format: 'jpeg',
    });
  });

  it('skips fill bytes and large APP segments, reads progressive SOF2', () => {
    const app1 = Buffer.alloc(4 + 5000);
    app1.set([0xff, 0xe1, (5002 >> 8) & 0xff, 5002 & 0xff]);
    const sof2 = Buffer.from([0xff, 0xff, 0xc2, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03]);
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8]), app1, sof2, Buffer.alloc(16)]);
    expect(readImageDimensions(bytes)).toEqual({ width: 800, height: 600, format: 'jpeg' });
  });

  it('does not take DHT (0xC4) for a frame, and gives up at the scan or when cut short', () => {
    const dht = Buffer.from([0xff, 0xc4, 0x00, 0x06, 0x00, 0x10, 0x20, 0x30]);
    const sos = Buffer.from([0xff, 0xda, 0x00, 0x02]);
    expect(
      readImageDimensions(Buffer.concat([Buffer.from([0xff, 0xd8]), dht, sos])),
    ).toBeUndefined();
    expect(readImageDimensions(imageFixture('300x200.jpg').subarray(0, 40))).toBeUndefined();
  });
});

describe('WebP', () => {
  it.each([
    ['300x200.lossy-simple.webp', 300, 200],
    ['123x457.lossy-simple.webp', 123, 457],
    ['300x200.lossless-simple.webp', 300, 200],
    ['123x457.lossless-simple.webp', 123, 457],
    ['300x200.lossy-vp8x.webp', 300, 200],
    ['123x457.lossless-vp8x.webp', 123, 457],
  ])('%s is %ix%i', (name, width, height) => {
    expect(readImageDimensions(imageFixture(name))).toEqual({ width, height, format: 'webp' });
  });

  it('rejects a RIFF that is not WebP and a VP8 chunk without its start code', () => {
    const wave = Buffer.from(imageFixture('300x200.lossy-simple.webp'));
    wave.write('WAVE', 8, 'latin1');
    expect(readImageDimensions(wave)).toBeUndefined();
    const broken = Buffer.from(imageFixture('300x200.lossy-simple.webp'));
    broken[23] = 0;
    expect(readImageDimensions(broken)).toBeUndefined();
  });
});

describe('BMP', () => {
  it('reads BITMAPINFOHEADER sizes, top-down (negative height) too', () => {
    expect(readImageDimensions(imageFixture('123x457.bmp'))).toEqual({
      width: 123,
      height: 457,
      format: 'bmp',
    });
    expect(readImageDimensions(imageFixture('300x200.topdown.bmp'))).toEqual({
      width: 300,
      height: 200,
      format: 'bmp',
    });
  });
});

describe('readImageDimensions', () => {
  it('recognises every format and nothing else', () => {
    expect(readImageDimensions(pngBytes(5, 6))?.format).toBe('png');
    expect(readImageDimensions(imageFixture('300x200.jpg'))?.format).toBe('jpeg');
    expect(readImageDimensions(imageFixture('300x200.lossy-vp8x.webp'))?.format).toBe('webp');
    expect(readImageDimensions(imageFixture('123x457.bmp'))?.format).toBe('bmp');
    expect(readImageDimensions(Buffer.from('GIF89a\x01\x00\x01\x00'))).toBeUndefined();
    expect(readImageDimensions(new Uint8Array(0))).toBeUndefined();
  });
});
