/** The four scenarios of the gateway's guide, one tab each, with the defaults a tab opens with. */

/** Identifies a scenario (and its tab). */
export type ScenarioId = 'text' | 'edit' | 'interactive' | 'group';

/** What a tab shows and starts with. */
export interface Scenario {
  id: ScenarioId;
  /** Tab label. */
  label: string;
  /** One sentence under the tab. */
  description: string;
  defaultModel: string;
  defaultPrompt: string;
  /** Default `size` ('' means the model's default). */
  defaultSize: string;
  defaultN: number;
  /** Whether the scenario takes reference images, and how many at least. */
  images: { min: number } | undefined;
  /** Boxes are drawn on the reference images. */
  boxes: boolean;
  /** `enable_sequential: true`. */
  sequential: boolean;
}

/** The scenarios in tab order. */
export const scenarios: readonly Scenario[] = [
  {
    id: 'text',
    label: 'Text to image',
    description: 'Describe a picture; the model draws it.',
    defaultModel: 'wan2.7-image-pro',
    defaultPrompt: 'A flower shop with elegant windows on a rainy evening, watercolor',
    defaultSize: '2K',
    defaultN: 1,
    images: undefined,
    boxes: false,
    sequential: false,
  },
  {
    id: 'edit',
    label: 'Image editing',
    description: 'Give 1 to 9 reference images and say what to change or combine.',
    defaultModel: 'wan2.7-image',
    defaultPrompt: 'Place the alarm clock from image 1 on the side table in image 2.',
    defaultSize: '',
    defaultN: 1,
    images: { min: 1 },
    boxes: false,
    sequential: false,
  },
  {
    id: 'interactive',
    label: 'Interactive editing',
    description: 'Draw boxes on the reference images to mark where the edit goes.',
    defaultModel: 'wan2.7-image',
    defaultPrompt: 'Place the alarm clock from image 1 into the box drawn on image 2.',
    defaultSize: '',
    defaultN: 1,
    images: { min: 1 },
    boxes: true,
    sequential: false,
  },
  {
    id: 'group',
    label: 'Group generation',
    description: 'One prompt, a consistent set of up to 12 images (enable_sequential).',
    defaultModel: 'wan2.7-image',
    defaultPrompt: 'A four-panel story of a paper boat sailing from a rain puddle to the open sea',
    defaultSize: '',
    defaultN: 4,
    images: undefined,
    boxes: false,
    sequential: true,
  },
];

/** Same-origin sample images whose pixel size the mock gateway can read once sent as data URIs. */
export const sampleImages = [
  { name: 'clock.png', url: '/samples/clock.png' },
  { name: 'room.png', url: '/samples/room.png' },
] as const;
