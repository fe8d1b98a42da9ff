import { builtinModelRules } from '@tokenhub/image-core';
import { describe, expect, it } from 'vitest';
import type { KnownImageModelId } from '../src/index.js';

// A Record needs every member of the union and no other key, so this list equals the type.
const completions: Record<KnownImageModelId, true> = {
  'wan2.7-image': true,
  'wan2.7-image-pro': true,
  'wan2.6-t2i': true,
  'wan2.6-image': true,
  'qwen-image-edit': true,
  'qwen-image-edit-plus': true,
  'qwen-image-edit-max': true,
};

describe('model ids', () => {
  it("complete exactly the core's known models", () => {
    expect(Object.keys(completions).sort()).toEqual(
      builtinModelRules.map((rules) => rules.model).sort(),
    );
  });
});
