/** The state of one scenario's form, and how a fresh one looks. */
import type { Box } from '@tokenhub/bbox-picker';
import type { ImageLoad } from '../images/image-load';
import type { Scenario } from '../scenarios';

/** A reference image: `src` is what the request carries (an http(s) URL or a data URI). */
export interface ReferenceImage {
  id: string;
  /** A file name or the URL, for people. */
  name: string;
  src: string;
  /** Boxes in original pixels (interactive editing only). */
  boxes: Box[];
  /** Whether it loaded in this browser (boxes can only be drawn on an image that did). */
  load: ImageLoad;
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
export function referenceImage(name: string, src: string, load: ImageLoad): ReferenceImage {
  imageSequence += 1;
  return { id: `image-${imageSequence}`, name, src, boxes: [], load };
}

/** True for an image that did not load and that the person has not chosen to send anyway. */
export function isUnresolvedFailure(image: ReferenceImage): boolean {
  return image.load.state === 'failed' && !image.load.kept;
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
