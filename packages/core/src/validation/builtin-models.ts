/**
 * The facts about each built-in model that the builder's types read as well as the runtime
 * validation: the size tiers it offers, and its largest `n` (with
 * `enable_sequential` off, and on where it has that mode). `builtin-rules.ts` builds the runtime
 * rules from this table and `model-types.ts` derives the types from it, so they cannot disagree.
 * A model with `tiers` (even none) also takes `W*H`; a model without `tiers` takes no `size`.
 */
export const BUILTIN_MODELS = {
  'wan2.7-image': { tiers: ['1K', '2K'], n: 4, sequentialN: 12 },
  'wan2.7-image-pro': { tiers: ['1K', '2K', '4K'], n: 4, sequentialN: 12 },
  'wan2.6-t2i': { tiers: [], n: 4 },
  'wan2.6-image': { tiers: ['1K', '2K'], n: 4 },
  'qwen-image-edit': { n: 1 },
  'qwen-image-edit-plus': { tiers: [], n: 6 },
  'qwen-image-edit-max': { tiers: [], n: 6 },
} as const;
