/** Which controls a form offers, derived from the core's rules for the chosen model. Pure. */
import { type ModelRules, type RuleContext, resolveModelRules } from '@tokenhub/image-core';
import type { Scenario } from '../scenarios';

/** A size tier the select offers. */
export interface TierOption {
  tier: string;
}

/** The controls of one form for one model. */
export interface ModelControls {
  /** The rules, or undefined for a model the kit does not know (free text). */
  rules: ModelRules | undefined;
  /** Tiers allowed in this context (e.g. no 4K with input images). */
  tiers: string[];
  /** Why tiers the model knows are not offered here, one sentence each. */
  tierNotes: string[];
  /** Whether an explicit `W*H` is accepted (always for an unknown model). */
  explicitSize: boolean;
  /** Whether the model takes `size` at all. */
  size: boolean;
  nMax: number;
  thinkingMode: boolean;
  negativePrompt: boolean;
  promptExtend: boolean;
  seed: boolean;
  /** Most reference images; 0 when the model takes none. */
  maxImages: number;
  /** Most boxes per image, when the model limits them. */
  maxBoxesPerImage: number | undefined;
  /** Whether the model makes image sets. */
  sequential: boolean;
}

const unknownModelDefaults = { nMax: 4, sequentialNMax: 12, maxImages: 9 };

/** Controls for `model` in `scenario` with `imageCount` reference images. */
export function modelControls(
  model: string,
  scenario: Scenario,
  imageCount: number,
): ModelControls {
  const rules = model.trim() ? resolveModelRules(model) : undefined;
  if (!rules) {
    return {
      rules: undefined,
      tiers: ['1K', '2K'],
      tierNotes: [],
      explicitSize: true,
      size: true,
      nMax: scenario.sequential ? unknownModelDefaults.sequentialNMax : unknownModelDefaults.nMax,
      thinkingMode: scenario.id === 'text',
      negativePrompt: true,
      promptExtend: true,
      seed: true,
      maxImages: unknownModelDefaults.maxImages,
      maxBoxesPerImage: undefined,
      sequential: true,
    };
  }
  const supports = (name: ModelRules['supports'][number]) => rules.supports.includes(name);
  const context: RuleContext = {
    model: rules.model,
    imageCount,
    textCount: 1,
    sequential: scenario.sequential,
    parameters: scenario.sequential ? { enable_sequential: true } : {},
  };
  const tiers: string[] = [];
  const tierNotes: string[] = [];
  for (const tier of rules.size?.tiers ?? []) {
    const reason = rules.size?.tierAllowed?.(tier, context);
    if (reason) tierNotes.push(`${tier} is not offered: ${reason}.`);
    else tiers.push(tier);
  }
  const sequentialMax = rules.n.sequentialMax ?? rules.n.max;
  return {
    rules,
    tiers,
    tierNotes,
    explicitSize: Boolean(rules.size?.pixels ?? rules.size?.side),
    size: rules.size !== undefined,
    nMax: scenario.sequential ? sequentialMax : rules.n.max,
    thinkingMode: supports('thinking_mode') && imageCount === 0 && !scenario.sequential,
    negativePrompt: supports('negative_prompt'),
    promptExtend: supports('prompt_extend'),
    seed: supports('seed'),
    maxImages: rules.images.max,
    maxBoxesPerImage: rules.maxBoxesPerImage,
    sequential: supports('enable_sequential'),
  };
}
