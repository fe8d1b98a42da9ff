import {
  type ModelRules,
  parseSize,
  type RuleContext,
  resolveModelRules,
} from '@tokenhub/image-core';
import { describe, expect, it } from 'vitest';
import { sizeForAspectRatio } from '../src/index.js';

function context(rules: ModelRules | undefined, imageCount = 0): RuleContext {
  return {
    model: rules?.model ?? 'x',
    imageCount,
    textCount: 1,
    sequential: false,
    parameters: {},
  };
}

function pixelsOf(size: string): { width: number; height: number } {
  const parsed = parseSize(size);
  if (parsed.kind !== 'pixels') throw new Error(`not W*H: ${size}`);
  return parsed;
}

describe('sizeForAspectRatio', () => {
  it('4K on wan2.7-image-pro text-to-image uses the 4096^2 budget; with images it is capped at 2048^2', () => {
    const pro = resolveModelRules('wan2.7-image-pro');
    expect(sizeForAspectRatio(1, '4K', pro, context(pro))).toBe('4096*4096');
    expect(sizeForAspectRatio(1, '4K', pro, context(pro, 1))).toBe('2048*2048');
  });

  it('keeps every result inside the pixel range and close to the ratio', () => {
    for (const model of ['wan2.7-image', 'wan2.7-image-pro', 'wan2.6-t2i', 'wan2.6-image']) {
      const rules = resolveModelRules(model);
      const limits = rules?.size?.pixels;
      for (const ratio of [1 / 4, 9 / 16, 2 / 3, 1, 4 / 3, 16 / 9, 4]) {
        for (const tier of ['1K', '2K', '4K'] as const) {
          const ctx = context(rules);
          const { width, height } = pixelsOf(sizeForAspectRatio(ratio, tier, rules, ctx));
          const range = typeof limits === 'function' ? limits(ctx) : limits;
          expect(width * height).toBeGreaterThanOrEqual(range?.min ?? 0);
          expect(width * height).toBeLessThanOrEqual(range?.max ?? Infinity);
          expect(Math.abs(width / height - ratio) / ratio).toBeLessThan(0.01);
        }
      }
    }
  });

  it('scales down to the side limit of qwen-image-edit-plus (2048 px)', () => {
    const plus = resolveModelRules('qwen-image-edit-plus');
    expect(sizeForAspectRatio(16 / 9, '2K', plus, context(plus, 1))).toBe('2048*1152');
  });

  it('an unknown model gets the tier budget as is', () => {
    expect(sizeForAspectRatio(1, '1K', undefined, context(undefined))).toBe('1024*1024');
  });
});
