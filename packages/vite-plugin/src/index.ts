/**
 * `@tokenhub/vite-plugin`: a same-origin TokenHub proxy for `vite dev` and `vite preview` that keeps
 * the API key in the Vite process, with the mock gateway as fallback when no key is set.
 * @packageDocumentation
 */

export { type UpstreamStatus, upstreamStatus } from './dev-endpoints.js';
export { exposedSecretNames, filesContaining } from './key-guard.js';
export { type TokenHubPluginOptions, tokenhub } from './plugin.js';
export {
  chooseUpstream,
  DEFAULT_BASE_URL,
  describeUpstream,
  type MockMode,
  type UpstreamChoice,
} from './upstream.js';
