import { describe, expect, it } from 'vitest';
import { decodeDataUri, isDataUri } from '../src/data-uri.js';
import { ImageStore } from '../src/image-store.js';
import { isLoopbackUrl } from '../src/loopback.js';
import { fitWithin, nominalOutputSize, outputSize, parseSizeSpec } from '../src/output-size.js';
import { mapBoxToOutput } from '../src/render-image.js';

describe('output size', () => {
  it('tiers are square without input images', () => {
    expect(nominalOutputSize('wan2.7-image-pro', '1K', undefined)).toEqual({
      width: 1024,
      height: 1024,
    });
    expect(nominalOutputSize('alibaba/wan2.7-image-pro', '4K', undefined)).toEqual({
      width: 4096,
      height: 4096,
    });
    expect(nominalOutputSize('wan2.6-image', '1K', undefined)).toEqual({
      width: 1280,
      height: 1280,
    });
  });

  it('a tier with input images takes the aspect of the LAST image and keeps its pixel count', () => {
    const size = nominalOutputSize('wan2.7-image', '2K', { width: 1696, height: 960 });
    expect(size.width / size.height).toBeCloseTo(1696 / 960, 2);
    expect(size.width * size.height).toBeGreaterThan(2048 * 2048 * 0.99);
    expect(size.width * size.height).toBeLessThan(2048 * 2048 * 1.01);
  });

  it('W*H is used as given; a missing size is the model default', () => {
    expect(nominalOutputSize('wan2.7-image', '1280*720', { width: 10, height: 1000 })).toEqual({
      width: 1280,
      height: 720,
    });
    expect(nominalOutputSize('wan2.7-image', undefined, undefined)).toEqual({
      width: 2048,
      height: 2048,
    });
    expect(nominalOutputSize('wan2.6-t2i', undefined, undefined)).toEqual({
      width: 1280,
      height: 1280,
    });
  });

  it('scales down (never up) to the longest side, keeping the aspect', () => {
    expect(fitWithin({ width: 2048, height: 1024 }, 512)).toEqual({ width: 512, height: 256 });
    expect(fitWithin({ width: 300, height: 200 }, 512)).toEqual({ width: 300, height: 200 });
    expect(outputSize('wan2.7-image', '720*1280', undefined, 512)).toEqual({
      nominal: { width: 720, height: 1280 },
      actual: { width: 288, height: 512 },
    });
  });

  it('parses sizes', () => {
    expect(parseSizeSpec('2k')).toEqual({ kind: 'tier', tier: 2 });
    expect(parseSizeSpec('1280*720')).toEqual({ kind: 'explicit', width: 1280, height: 720 });
    expect(parseSizeSpec('3K')).toBeUndefined();
    expect(parseSizeSpec('0*5')).toBeUndefined();
  });
});

describe('box mapping', () => {
  it('maps by relative position into output pixels (inclusive right/bottom edge)', () => {
    expect(
      mapBoxToOutput(
        [50, 25, 150, 75],
        { width: 200, height: 100 },
        { width: 512, height: 256 },
        1,
      ),
    ).toEqual({
      x1: 128,
      y1: 64,
      x2: 383,
      y2: 191,
      inputIndex: 1,
    });
  });
});

describe('data URIs', () => {
  it('decodes base64 image data URIs', () => {
    expect(isDataUri('DATA:image/png;base64,AA==')).toBe(true);
    expect(decodeDataUri('data:image/png;base64,aGVsbG8=')).toEqual({
      mediaType: 'image/png',
      bytes: Buffer.from('hello'),
    });
  });

  it('refuses non-base64 payloads and garbage', () => {
    expect(decodeDataUri('data:image/png,hello')).toBeUndefined();
    expect(decodeDataUri('data:image/png;base64,***')).toBeUndefined();
    expect(decodeDataUri('https://example.com/a.png')).toBeUndefined();
  });
});

describe('loopback', () => {
  it('accepts only 127.0.0.1, localhost and [::1] over http(s)', () => {
    expect(isLoopbackUrl('http://127.0.0.1:8080/a.png')).toBe(true);
    expect(isLoopbackUrl('https://LOCALHOST/a.png')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:1/a.png')).toBe(true);
    expect(isLoopbackUrl('http://127.0.0.2/a.png')).toBe(false);
    expect(isLoopbackUrl('http://localhost.example.com/a.png')).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1@example.com/a.png')).toBe(false);
    expect(isLoopbackUrl('file:///etc/passwd')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });
});

describe('image store', () => {
  it('expires by time and drops the oldest beyond capacity', () => {
    let now = 1000;
    const store = new ImageStore(2, () => now);
    store.add('a', Buffer.from('a'), 2000);
    store.add('b', Buffer.from('b'), 5000);
    expect(store.get('a')).toEqual({ status: 'found', png: Buffer.from('a') });
    now = 2000;
    expect(store.get('a')).toEqual({ status: 'expired' });
    store.add('c', Buffer.from('c'), 5000);
    expect(store.get('a')).toEqual({ status: 'unknown' });
    expect(store.get('b').status).toBe('found');
    expect(store.size).toBe(2);
  });
});
