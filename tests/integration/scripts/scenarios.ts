/**
 * The README's first command until the demo app exists: starts the embedded mock gateway and runs
 * the four scenarios of TokenHub's image guide through the real client, printing the image URLs.
 * With TOKENHUB_API_KEY set it calls the real gateway instead (TOKENHUB_BASE_URL to override).
 */
import { type ImageRequestBuilder, imageRequest, TokenHubError } from '@tokenhub/image-core';
import { createTokenHubClient } from '@tokenhub/image-core/node';
import { startMockGateway } from '@tokenhub/mock-gateway';

const scenarios: [name: string, request: ImageRequestBuilder][] = [
  [
    'Text-to-image',
    imageRequest('wan2.7-image-pro')
      .text(
        'A flower shop with elegant windows, a beautiful wooden door, and fresh flowers on display.',
      )
      .size('2K')
      .n(1)
      .watermark(false)
      .thinkingMode(true),
  ],
  [
    'Image editing',
    imageRequest('wan2.7-image-pro')
      .image(
        'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20251229/pjeqdf/car.webp',
      )
      .image(
        'https://help-static-aliyun-doc.aliyuncs.com/file-manage-files/zh-CN/20251229/xsunlm/paint.webp',
      )
      .text('Apply the graffiti style from image 2 onto the car in image 1.')
      .size('2K')
      .n(1)
      .watermark(false),
  ],
  [
    'Interactive editing',
    imageRequest('wan2.7-image-pro')
      .image(
        'https://img.alicdn.com/imgextra/i3/O1CN0157XGE51l6iL9441yX_!!6000000004770-49-tps-1104-1472.webp',
      )
      .image(
        'https://img.alicdn.com/imgextra/i3/O1CN01SfG4J41UYn9WNt4X1_!!6000000002530-49-tps-1696-960.webp',
        { boxes: [[989, 515, 1138, 681]] },
      )
      .text(
        'Place the alarm clock from image 1 into the selected box in image 2, keeping scene and lighting naturally blended.',
      )
      .size('2K')
      .n(1)
      .watermark(false),
  ],
  [
    'Group generation',
    imageRequest('wan2.7-image-pro')
      .text(
        'A four-image sequence of the same stray orange cat: spring blossoms, summer shade, autumn leaves, winter snow.',
      )
      .sequential(true)
      .n(4)
      .size('2K'),
  ],
];

const apiKey = process.env.TOKENHUB_API_KEY;
const mock = apiKey ? undefined : await startMockGateway();
const baseURL = mock?.url ?? process.env.TOKENHUB_BASE_URL ?? 'https://tokenhub.link';
console.log(
  mock
    ? `Using the embedded mock gateway at ${mock.url} (no API key set)`
    : `Using TokenHub at ${baseURL}`,
);
const client = createTokenHubClient({ apiKey, baseURL });

let failed = 0;
for (const [name, request] of scenarios) {
  const started = performance.now();
  try {
    const result = await client.generateImages(request);
    const ms = Math.round(performance.now() - started);
    console.log(
      `\n${name}: ${result.images.length} image(s) in ${ms} ms, request id ${result.requestId}`,
    );
    for (const image of result.images) console.log(`  ${image.url}`);
  } catch (error) {
    failed++;
    console.error(
      `\n${name} failed: ${TokenHubError.isInstance(error) ? error.message : String(error)}`,
    );
  }
}
if (mock) {
  console.log(
    `\nThese links point at the embedded mock gateway, which stops with this script: they stop working now.` +
      `\nTo open them, run \`pnpm tokenhub-image generate --mock --out ./images ...\` (saves the PNGs), or start \`pnpm tokenhub-mock\` and point a client at it.`,
  );
}
await mock?.close();
process.exitCode = failed === 0 ? 0 : 1;
