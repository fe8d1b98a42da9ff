import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { imageRequestBodySchema } from '../src/schema.js';
import { formatPath } from '../src/validation/path.js';
import { structuralIssues } from '../src/validation/shape.js';

// The kit validates with a plain-data walker (no zod runtime in browser bundles) and publishes the
// same shape as a zod/mini schema. Both must accept and reject exactly the same bodies, naming the
// same paths: this property test is what keeps them one definition in two forms.

/** Anything a JSON-ish body could hold where it should not. */
const stray = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
);
/** Usually a well-typed value, sometimes a stray one. */
const maybe = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary }, { weight: 1, arbitrary: stray });
const optionalRecord = <T extends Record<string, fc.Arbitrary<unknown>>>(model: T) =>
  fc.record(model, { requiredKeys: [] });

const box = maybe(fc.array(maybe(fc.integer({ min: -5, max: 5000 })), { maxLength: 5 }));
const item = maybe(optionalRecord({ text: maybe(fc.string()), image: maybe(fc.string()) }));
const message = maybe(
  optionalRecord({
    role: maybe(fc.constantFrom('user', 'assistant')),
    content: maybe(fc.array(item, { maxLength: 3 })),
  }),
);
const parameters = maybe(
  optionalRecord({
    negative_prompt: maybe(fc.string()),
    size: maybe(fc.constantFrom('2K', '1280*1280')),
    n: maybe(fc.integer({ min: 0, max: 13 })),
    prompt_extend: maybe(fc.boolean()),
    watermark: maybe(fc.boolean()),
    thinking_mode: maybe(fc.boolean()),
    enable_sequential: maybe(fc.boolean()),
    seed: maybe(fc.integer()),
    bbox_list: maybe(fc.array(maybe(fc.array(box, { maxLength: 2 })), { maxLength: 3 })),
    color_palette: stray,
  }),
);
const body = maybe(
  optionalRecord({
    model: maybe(fc.constantFrom('wan2.7-image-pro', 'acme/x', '')),
    input: maybe(optionalRecord({ messages: maybe(fc.array(message, { maxLength: 2 })) })),
    parameters,
  }),
);

describe('the validation walker and the published zod schema agree', () => {
  it('on every generated body: same verdict, same paths', () => {
    fc.assert(
      fc.property(body, (candidate) => {
        const walker = structuralIssues(candidate).map((issue) => issue.path);
        const parsed = imageRequestBodySchema.safeParse(candidate);
        const zod = parsed.success
          ? []
          : parsed.error.issues.map((issue) => formatPath(issue.path) || 'body');
        expect(walker.length === 0).toBe(parsed.success);
        expect([...walker].sort()).toEqual([...zod].sort());
      }),
      { numRuns: 2000 },
    );
  });

  it('both accept every request vector of the guide', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('./fixtures/vectors/', import.meta.url);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.request.json'))) {
      const vector: unknown = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
      expect(structuralIssues(vector)).toEqual([]);
      expect(imageRequestBodySchema.safeParse(vector).success).toBe(true);
    }
  });
});
