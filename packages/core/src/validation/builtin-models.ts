/**
 * The facts about each built-in model that the builder's types read as well as the runtime
 * validation: the size tiers it offers, whether it takes `W*H`, and its largest `n` (with
 * `enable_sequential` off, and on where it has that mode). `builtin-rules.ts` builds the runtime
 * rules from this table and `model-types.ts` derives the types from it, so they cannot disagree.
 * A model without `tiers` takes no `size` at all.
 */
export const BUILTIN_MODELS = {
  'wan2.7-image': { tiers: ['1K', '2K'], pixels: true, n: 4, sequentialN: 12 },
  'wan2.7-image-pro': { tiers: ['1K', '2K', '4K'], pixels: true, n: 4, sequentialN: 12 },
  'wan2.6-t2i': { tiers: [], pixels: true, n: 4 },
  'wan2.6-image': { tiers: ['1K', '2K'], pixels: true, n: 4 },
  'qwen-image-edit': { n: 1 },
  'qwen-image-edit-plus': { tiers: [], pixels: true, n: 6 },
  'qwen-image-edit-max': { tiers: [], pixels: true, n: 6 },
} as const;
