import * as z from 'zod/mini';

// The wire shape of a request as a zod/mini schema, for apps that validate with zod (forms, server
// routes) and want `z.infer`. The kit's own validation uses the identical plain-data shape in
// shape.ts, so browser bundles that never import this schema carry no zod runtime; a property test
// keeps the two equal.

// Numbers, not z.int()/z.tuple(): each extra zod schema kind costs bundle size in every browser app,
// and integer-ness and box arity are checked below with messages that name the rule.

const contentItem = z.looseObject({
  text: z.optional(z.string()),
  image: z.optional(z.string()),
});

const parameters = z.looseObject({
  negative_prompt: z.optional(z.string()),
  size: z.optional(z.string()),
  n: z.optional(z.number()),
  prompt_extend: z.optional(z.boolean()),
  watermark: z.optional(z.boolean()),
  thinking_mode: z.optional(z.boolean()),
  enable_sequential: z.optional(z.boolean()),
  seed: z.optional(z.number()),
  bbox_list: z.optional(z.array(z.array(z.array(z.number())))),
});

/**
 * The zod/mini schema of a request body: structure only (model limits are checked by
 * `validateImageRequest`). Unknown fields pass through.
 */
export const imageRequestBodySchema = z.looseObject({
  model: z.string(),
  input: z.looseObject({
    messages: z.array(
      z.looseObject({
        role: z.string(),
        content: z.array(contentItem),
      }),
    ),
  }),
  parameters: z.optional(parameters),
});

/** A request body as the zod schema reads it. */
export type ImageRequestBodyShape = z.infer<typeof imageRequestBodySchema>;
