import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64ByteSource } from '../src/image/byte-source.js';
import { readImageHeader } from '../src/image/header.js';
import { bmp, jpeg, png, webp } from './image-fixtures.js';

describe('PNG', () => {
  it('reads the size from IHDR', () => {
    expect(readImageHeader(png(300, 200))).toEqual({
      format: 'png',
      width: 300,
      height: 200,
      alpha: false,
    });
    expect(readImageHeader(png(7, 1900))).toMatchObject({ width: 7, height: 1900 });
  });

  it('detects alpha: an RGBA colour type, or a tRNS chunk before the pixels', () => {
    expect(readImageHeader(png(4, 4, { colorType: 6 }))?.alpha).toBe(true);
    expect(readImageHeader(png(4, 4, { colorType: 3, transparency: true }))?.alpha).toBe(true);
    expect(readImageHeader(png(4, 4, { colorType: 3 }))?.alpha).toBe(false);
    expect(readImageHeader(png(4, 4, { colorType: 2, transparency: true }))?.alpha).toBe(true);
  });

  it('names the format but no size when the header is cut short', () => {
    expect(readImageHeader(png(300, 200).subarray(0, 20))).toEqual({ format: 'png', alpha: false });
    expect(readImageHeader(png(300, 200).subarray(0, 8))).toEqual({ format: 'png' });
  });
});

describe('JPEG', () => {
  it('reads a baseline frame after the JFIF segment', () => {
    expect(readImageHeader(jpeg(300, 200))).toEqual({
      format: 'jpeg',
      width: 300,
      height: 200,
      progressive: false,
    });
  });

  it('reads a progressive frame (SOF2)', () => {
    expect(readImageHeader(jpeg(800, 600, { progressive: true }))).toEqual({
      format: 'jpeg',
      width: 800,
      height: 600,
      progressive: true,
    });
  });

  it('skips a 60 KB EXIF block that comes first', () => {
    const file = jpeg(4000, 3000, { exifBytes: 60_000 });
    expect(readImageHeader(file)).toMatchObject({ width: 4000, height: 3000 });
  });

  it('does not take DHT (0xC4) for a frame; gives up at the scan or when cut short', () => {
    const dht = Buffer.from([0xff, 0xc4, 0x00, 0x06, 0x00, 0x10, 0x20, 0x30]);
    const sos = Buffer.from([0xff, 0xda, 0x00, 0x02]);
    const noFrame = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 2]), dht, sos]);
    expect(readImageHeader(noFrame)).toEqual({ format: 'jpeg' });
    expect(readImageHeader(jpeg(300, 200).subarray(0, 40))).toEqual({ format: 'jpeg' });
  });

  it('skips fill bytes before a marker', () => {
    const file = jpeg(640, 480);
    const filled = Buffer.concat([
      file.subarray(0, 2),
      Buffer.from([0xff, 0xff]),
      file.subarray(2),
    ]);
    expect(readImageHeader(filled)).toMatchObject({ width: 640, height: 480 });
  });
});

describe('WebP', () => {
  it.each(['VP8 ', 'VP8L', 'VP8X'] as const)('reads a %s first chunk', (kind) => {
    expect(readImageHeader(webp(300, 200, kind))).toEqual({
      format: 'webp',
      width: 300,
      height: 200,
    });
    expect(readImageHeader(webp(123, 4567, kind))).toEqual({
      format: 'webp',
      width: 123,
      height: 4567,
    });
  });

  it('rejects a RIFF that is not WebP, and a VP8 chunk without its start code', () => {
    const wave = webp(300, 200, 'VP8 ');
    wave.write('WAVE', 8, 'latin1');
    expect(readImageHeader(wave)).toBeUndefined();
    const broken = webp(300, 200, 'VP8 ');
    broken[23] = 0;
    expect(readImageHeader(broken)).toEqual({ format: 'webp' });
  });
});

describe('BMP', () => {
  it('reads BITMAPINFOHEADER sizes, top-down (negative height) too', () => {
    expect(readImageHeader(bmp(123, 457))).toEqual({ format: 'bmp', width: 123, height: 457 });
    expect(readImageHeader(bmp(300, 200, true))).toEqual({
      format: 'bmp',
      width: 300,
      height: 200,
    });
  });

  it('reads the 16-bit sizes of an OS/2 core header', () => {
    const bytes = Buffer.alloc(26);
    bytes.write('BM', 0, 'latin1');
    bytes.writeUInt32LE(12, 14);
    bytes.writeUInt16LE(640, 18);
    bytes.writeUInt16LE(480, 20);
    expect(readImageHeader(bytes)).toEqual({ format: 'bmp', width: 640, height: 480 });
  });
});

it('returns undefined for other formats and for nothing', () => {
  expect(readImageHeader(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeUndefined();
  expect(readImageHeader(new Uint8Array(0))).toBeUndefined();
});

describe('base64ByteSource', () => {
  it('reads every byte as Buffer decodes it, whatever the padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, unpadded) => {
        let text = Buffer.from(bytes).toString('base64');
        if (unpadded) text = text.replace(/=+$/, '');
        const source = base64ByteSource(`data:,${text}`, 6);
        expect(source.length).toBe(bytes.length);
        expect(Array.from({ length: bytes.length }, (_, i) => source.at(i))).toEqual([...bytes]);
        expect(source.at(bytes.length)).toBeUndefined();
      }),
    );
  });

  it('decodes only what is read: a 20 MB payload with garbage in the middle reads its header', () => {
    const head = Buffer.from(png(1024, 768)).toString('base64').slice(0, 128);
    const text = `${head}${'%'.repeat(20 * 1024 * 1024)}AAAA`;
    expect(readImageHeader(base64ByteSource(text))).toMatchObject({ width: 1024, height: 768 });
  });

  it('rejects characters outside the alphabet when read, and impossible ends up front', () => {
    expect(() => base64ByteSource('%%%%').at(0)).toThrow();
    expect(() => base64ByteSource('AAAA A==').at(3)).toThrow();
    expect(() => base64ByteSource('AAAAA')).toThrow();
    expect(() => base64ByteSource('AAAA=')).toThrow();
    expect(() => base64ByteSource('AA===')).toThrow();
    expect(() => base64ByteSource('AAAA!!!!')).toThrow();
  });
});
