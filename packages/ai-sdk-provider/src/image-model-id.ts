/** The image models `@tokenhub/image-core` has rules for (test/model-id.test.ts keeps them equal). */
export type KnownImageModelId =
  | 'wan2.7-image'
  | 'wan2.7-image-pro'
  | 'wan2.6-t2i'
  | 'wan2.6-image'
  | 'qwen-image-edit'
  | 'qwen-image-edit-plus'
  | 'qwen-image-edit-max';

/**
 * A TokenHub image model id: a known model (completed in editors) or any other name, bare or
 * `provider/model` (the gateway adds models all the time).
 */
// `string & {}` keeps the literal completions while accepting every string.
export type TokenHubImageModelId = KnownImageModelId | (string & {});
