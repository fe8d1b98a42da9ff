import { BUILTIN_MODELS } from './builtin-models.js';
import { type ModelRules, type RuleContext, type RuleFinding, ruleFinding } from './model-rules.js';

// Limits transcribed from the upstream documentation (UPSTREAM-RULES.md). Each [doc] rule is an
// error; [guess] rules live in validate.ts as warnings. Numbers stay here, in one table, so they
// are easy to audit against the source. Plain data: `defineModelRules` guards what users write,
// and a test runs it over these, so its checks stay out of every bundle that validates.

const MB = 1024 * 1024;
const px = (side: number) => side * side;

/** Width and height of each input image of the Wan models. */
const INPUT_SIDE_WAN = { min: 240, max: 8000 };

const WAN27_PALETTE_RATIO = /^\d{1,3}\.\d{2}%$/;
const HEX = /^#[0-9a-f]{6}$/i;

/** color_palette: 3..10 `{hex, ratio: "23.51%"}`, ratios with two decimals summing to 100.00%. */
function checkColorPalette(context: RuleContext): RuleFinding[] {
  const palette = context.parameters.color_palette;
  if (palette === undefined) return [];
  const path = 'parameters.color_palette';
  const model = context.model;
  if (!Array.isArray(palette) || palette.length < 3 || palette.length > 10) {
    const count = Array.isArray(palette) ? palette.length : 'not a list';
    return [
      ruleFinding(
        path,
        'color-palette-count',
        `${model} takes 3 to 10 color_palette entries; got ${count}`,
      ),
    ];
  }
  const findings: RuleFinding[] = [];
  let hundredths = 0;
  palette.forEach((entry: unknown, i) => {
    const { hex, ratio } = (entry ?? {}) as { hex?: unknown; ratio?: unknown };
    if (typeof hex !== 'string' || !HEX.test(hex)) {
      findings.push(
        ruleFinding(
          `${path}[${i}].hex`,
          'color-palette-hex',
          'hex must be a colour like "#C2D1E6"',
        ),
      );
    }
    if (typeof ratio !== 'string' || !WAN27_PALETTE_RATIO.test(ratio)) {
      findings.push(
        ruleFinding(
          `${path}[${i}].ratio`,
          'color-palette-ratio',
          'ratio must be a percentage with two decimals, like "23.51%"',
        ),
      );
    } else {
      hundredths += Math.round(Number.parseFloat(ratio) * 100);
    }
  });
  if (findings.length === 0 && hundredths !== 10000) {
    findings.push(
      ruleFinding(
        path,
        'color-palette-sum',
        `color_palette ratios must add up to 100.00%; they add up to ${(hundredths / 100).toFixed(2)}%`,
      ),
    );
  }
  return findings;
}

/** thinking_mode only takes effect for text-to-image with sequential off. */
function checkThinkingMode(context: RuleContext): RuleFinding[] {
  if (context.parameters.thinking_mode !== true || context.imageCount === 0) return [];
  return [
    ruleFinding(
      'parameters.thinking_mode',
      'thinking-mode-text-only',
      `${context.model} applies thinking_mode only to text-to-image; with input images it has no effect`,
      'warning',
    ),
  ];
}

function wan27(model: 'wan2.7-image' | 'wan2.7-image-pro'): ModelRules {
  const pro = model === 'wan2.7-image-pro';
  return {
    model,
    description: pro
      ? 'Wan 2.7 Pro: text-to-image up to 4K, editing with up to 9 images, boxes, image sets'
      : 'Wan 2.7: text-to-image, editing with up to 9 images, boxes, image sets',
    text: { maxLength: 5000, maxItems: 1 },
    images: {
      min: 0,
      max: 9,
      maxBytes: 20 * MB,
      side: INPUT_SIDE_WAN,
      maxAspectRatio: 8,
      alpha: false,
    },
    size: {
      tiers: BUILTIN_MODELS[model].tiers,
      tierAllowed: (tier, context) => {
        if (tier !== '4K') return undefined;
        if (context.imageCount > 0)
          return `${model} allows 4K only for text-to-image (no input images)`;
        if (context.sequential)
          return `${model} allows 4K only with enable_sequential off (image sets are 2K at most)`;
        return undefined;
      },
      pixels: (context) =>
        pro && context.imageCount === 0 && !context.sequential
          ? { min: px(768), max: px(4096) }
          : { min: px(768), max: px(2048) },
      maxAspectRatio: 8,
    },
    n: { max: BUILTIN_MODELS[model].n, sequentialMax: BUILTIN_MODELS[model].sequentialN },
    supports: ['thinking_mode', 'enable_sequential', 'color_palette', 'seed', 'bbox_list', 'size'],
    maxBoxesPerImage: 2,
    sequentialConflicts: ['thinking_mode', 'color_palette'],
    check: (context) => [...checkColorPalette(context), ...checkThinkingMode(context)],
  };
}

/** The base model edits at n 1 without size or prompt_extend; `-plus` and `-max` take all three. */
function qwenImageEdit(
  model: 'qwen-image-edit' | 'qwen-image-edit-plus' | 'qwen-image-edit-max',
): ModelRules {
  const facts = BUILTIN_MODELS[model];
  const plusOrMax = 'tiers' in facts;
  return {
    model,
    description: 'Qwen image edit: edits 1 to 3 input images',
    text: { maxLength: 800 },
    images: { min: 1, max: 3, maxBytes: 10 * MB, side: { min: 384, max: 3072 } },
    ...(plusOrMax ? { size: { tiers: facts.tiers, side: { min: 512, max: 2048 } } } : {}),
    n: { max: facts.n },
    supports: plusOrMax
      ? ['negative_prompt', 'prompt_extend', 'seed', 'size']
      : ['negative_prompt', 'seed'],
    maxNegativePromptLength: 500,
  };
}

/** The rules this kit ships, one entry per model. */
export const builtinModelRules: readonly ModelRules[] = [
  wan27('wan2.7-image'),
  wan27('wan2.7-image-pro'),
  {
    model: 'wan2.6-t2i',
    description: 'Wan 2.6 text-to-image (no input images)',
    text: { maxLength: 2100 },
    images: { min: 0, max: 0 },
    size: {
      tiers: BUILTIN_MODELS['wan2.6-t2i'].tiers,
      pixels: { min: px(1280), max: px(1440) },
      maxAspectRatio: 4,
    },
    n: { max: BUILTIN_MODELS['wan2.6-t2i'].n },
    supports: ['negative_prompt', 'prompt_extend', 'seed', 'size'],
    maxNegativePromptLength: 500,
  },
  {
    model: 'wan2.6-image',
    description: 'Wan 2.6 image editing with 1 to 4 images',
    text: { maxLength: 2000, minItems: 1, maxItems: 1 },
    images: { min: 1, max: 4, maxBytes: 10 * MB, side: INPUT_SIDE_WAN },
    size: {
      tiers: BUILTIN_MODELS['wan2.6-image'].tiers,
      pixels: { min: px(768), max: px(2048) },
      maxAspectRatio: 4,
    },
    n: { max: BUILTIN_MODELS['wan2.6-image'].n },
    supports: ['negative_prompt', 'prompt_extend', 'seed', 'size'],
    maxNegativePromptLength: 500,
  },
  qwenImageEdit('qwen-image-edit'),
  qwenImageEdit('qwen-image-edit-plus'),
  qwenImageEdit('qwen-image-edit-max'),
];
