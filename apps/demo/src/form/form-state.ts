/** The state of one scenario's form, and how a fresh one looks. */
import type { Box } from '@tokenhub/bbox-picker';
import type { Scenario } from '../scenarios';

/** A reference image: `src` is what the request carries (an http(s) URL or a data URI). */
export interface ReferenceImage {
  id: string;
  /** A file name or the URL, for people. */
  name: string;
  src: string;
  /** Boxes in original pixels (interactive editing only). */
  boxes: Box[];
}

/** Everything a scenario form holds. Numbers stay strings while typed so a cleared field is ''. */
export interface FormState {
  model: string;
  prompt: string;
  negativePrompt: string;
  /** '' (model default), a tier such as '2K', or 'W*H'. */
  size: string;
  /** True while the size select is on "custom". */
  customSize: boolean;
  n: string;
  seed: string;
  thinkingMode: boolean;
  promptExtend: boolean;
  watermark: boolean;
  images: ReferenceImage[];
}

let imageSequence = 0;

/** A new reference image with a unique id. */
export function referenceImage(name: string, src: string): ReferenceImage {
  imageSequence += 1;
  return { id: `image-${imageSequence}`, name, src, boxes: [] };
}

/** The form a tab opens with. */
export function initialForm(scenario: Scenario): FormState {
  return {
    model: scenario.defaultModel,
    prompt: scenario.defaultPrompt,
    negativePrompt: '',
    size: scenario.defaultSize,
    customSize: false,
    n: String(scenario.defaultN),
    seed: '',
    thinkingMode: scenario.id === 'text',
    promptExtend: true,
    watermark: false,
    images: [],
  };
}
