/**
 * `@tokenhub/image-core/schema`: the request body as a zod/mini schema, for apps that validate
 * with zod (forms, server routes) or want `z.infer`. It checks structure only; use
 * `validateImageRequest` for the model's limits. Kept out of the main entry so browser bundles
 * that never import it carry no zod runtime.
 * @packageDocumentation
 */
export { type ImageRequestBodyShape, imageRequestBodySchema } from './validation/schema.js';
