/** The guide's examples as `tokenhub-image generate` flags, next to the vectors they must produce. */
import { readFileSync } from 'node:fs';

/** A scenario: its vector file and the flags that describe the same request. */
export interface Scenario {
  name: string;
  args: string[];
}

const flowerShop =
  'A flower shop with elegant windows, a beautiful wooden door, and fresh flowers on display.';

export const scenarios: Scenario[] = [
  {
    name: 'text-to-image',
    args: [
      '--model',
      'wan2.7-image-pro',
      '--prompt',
      flowerShop,
      '--size',
      '2K',
      '--n',
      '1',
      '--no-watermark',
      '--thinking',
    ],
  },
  {
    name: 'text-to-image.wan2.6-t2i',
    args: [
      '--model',
      'wan2.6-t2i',
      '--prompt',
      flowerShop,
      '--prompt-extend',
      '--no-watermark',
      '--n',
      '1',
      '--negative',
      '',
      '--size',
      '1280*1280',
    ],
  },
  {
    name: 'image-editing',
    args: [
      '--image',
      'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20251229/pjeqdf/car.webp',
      '--image',
      'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20251229/xsunlm/paint.webp',
      '--prompt',
      'Apply the graffiti style from image 2 onto the car in image 1.',
      '--size',
      '2K',
      '--n',
      '1',
      '--no-watermark',
    ],
  },
  {
    name: 'interactive-editing',
    args: [
      '--image',
      'https://img.alicdn.com/imgextra/i3/O1CN0157XGE51l6iL9441yX_!!6000000004770-49-tps-1104-1472.webp',
      '--image',
      'https://img.alicdn.com/imgextra/i3/O1CN01SfG4J41UYn9WNt4X1_!!6000000002530-49-tps-1696-960.webp',
      '--box',
      '2:989,515,1138,681',
      '--prompt',
      'Place the alarm clock from image 1 into the selected box in image 2, keeping scene and lighting naturally blended.',
      '--size',
      '2K',
      '--n',
      '1',
      '--no-watermark',
    ],
  },
  {
    name: 'group-generation',
    args: [
      '--prompt',
      'A cinematic four-image sequence featuring the same stray orange cat with consistent appearance: Image 1 (spring): the cat walks under blooming cherry blossoms; Image 2 (summer): the cat rests in the shade on an old street; Image 3 (autumn): the cat steps on golden fallen leaves; Image 4 (winter): the cat leaves footprints in the snow.',
      '--sequential',
      '--n',
      '4',
      '--size',
      '2K',
    ],
  },
];

/** The vector a scenario must reproduce (copied from the guide into fixtures/). */
export function vector(name: string): unknown {
  return JSON.parse(
    readFileSync(new URL(`fixtures/${name}.request.json`, import.meta.url), 'utf8'),
  );
}
