import type { ImageRequestParameters } from '../types.js';
import type { ValidationIssue } from './issue.js';

/** What a rule sees of a request: enough to decide scenario-dependent limits. */
export interface RuleContext {
  /** Canonical model name of the rules in use (e.g. `wan2.7-image-pro`). */
  model: string;
  /** Number of input images. */
  imageCount: number;
  /** Number of text items. */
  textCount: number;
  /** Whether `enable_sequential` is true. */
  sequential: boolean;
  /** The request's parameters (empty object when absent). */
  parameters: ImageRequestParameters;
}

/** An inclusive numeric range. */
export interface Range {
  /** Smallest allowed value. */
  min: number;
  /** Largest allowed value. */
  max: number;
}

/** Size limits of a model. */
export interface SizeRules {
  /** Tiers the model knows, e.g. `['1K', '2K', '4K']`; empty when it only takes `W*H`. */
  tiers: readonly string[];
  /** Returns why a known tier is not allowed in this context (e.g. 4K with input images), or undefined. */
  tierAllowed?: (tier: string, context: RuleContext) => string | undefined;
  /** Total pixel range of an explicit `W*H`; absent when `W*H` is not accepted. */
  pixels?: Range | ((context: RuleContext) => Range);
  /** Largest long-side/short-side ratio of `W*H` (8 means 1:8..8:1). */
  maxAspectRatio?: number;
  /** Range of each side of `W*H` in pixels. */
  side?: Range;
}

/** A problem found by a model's own `check`, with its severity. */
export interface RuleFinding extends ValidationIssue {
  /** Errors block the request; warnings do not. */
  severity: 'error' | 'warning';
}

/** A finding at `path` that breaks `rule`: an error unless `severity` says otherwise. */
export function ruleFinding(
  path: string,
  rule: string,
  message: string,
  severity: RuleFinding['severity'] = 'error',
): RuleFinding {
  return { path, rule, message, severity };
}

/** Parameters whose support differs between models; an unsupported one gets a warning. */
export type OptionalParameter =
  | 'negative_prompt'
  | 'prompt_extend'
  | 'thinking_mode'
  | 'enable_sequential'
  | 'color_palette'
  | 'seed'
  | 'bbox_list'
  | 'size';

/**
 * The limits of one model (or a family), as data. Register your own with `defineModelRules` and a
 * registry so a model the kit does not know yet needs no fork.
 */
export interface ModelRules {
  /** Canonical bare model name, e.g. `wan2.7-image-pro`. */
  model: string;
  /** Other names that resolve to these rules (e.g. dated snapshots). */
  aliases?: readonly string[];
  /** A short description for UIs. */
  description?: string;
  /** Text limits: characters per item and how many text items are allowed. */
  text: { maxLength?: number; minItems?: number; maxItems?: number };
  /**
   * Input image limits: count, the largest data URI payload in bytes, and what the header of a data
   * URI must say: each side in `side` pixels, a long/short side ratio of at most `maxAspectRatio`,
   * and `alpha: false` when a PNG with an alpha channel gets a warning.
   */
  images: {
    min: number;
    max: number;
    maxBytes?: number;
    side?: Range;
    maxAspectRatio?: number;
    alpha?: boolean;
  };
  /** Size limits; absent when the model takes no `size` (a `size` then gets a warning). */
  size?: SizeRules;
  /** Largest `n` with sequential off, and with sequential on when the model supports it. */
  n: { max: number; sequentialMax?: number };
  /** Parameters the model documents; any of the optional ones not listed gets an "ignored" warning. */
  supports: readonly OptionalParameter[];
  /** Longest `negative_prompt` in characters. */
  maxNegativePromptLength?: number;
  /** Most boxes per image in `bbox_list`. */
  maxBoxesPerImage?: number;
  /** Parameters that cannot be combined with `enable_sequential: true`. */
  sequentialConflicts?: readonly string[];
  /** Model-specific checks that do not fit the fields above. */
  check?: (context: RuleContext) => RuleFinding[];
}

/**
 * Declares the rules of a model. Returns them unchanged (typed), after checking that the definition
 * itself is usable, so a typo fails where the rules are written rather than on the first request.
 */
export function defineModelRules(rules: ModelRules): ModelRules {
  if (!rules.model || rules.model.includes('/')) {
    throw new TypeError(
      `defineModelRules: model must be a bare name such as "wan2.7-image"; got "${rules.model}"`,
    );
  }
  if (rules.images.min < 0 || rules.images.max < rules.images.min) {
    throw new TypeError(`defineModelRules(${rules.model}): images.min..max is not a valid range`);
  }
  if (rules.n.max < 1) throw new TypeError(`defineModelRules(${rules.model}): n.max must be >= 1`);
  return rules;
}
