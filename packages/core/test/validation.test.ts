import { describe, expect, it } from 'vitest';
import {
  builtinModelRules,
  createModelRegistry,
  defaultModelRegistry,
  defineModelRules,
  type ImageRequestBody,
  imageRequest,
  resolveModelRules,
  type ValidationIssue,
  validateImageRequest,
} from '../src/index.js';
import { dataUri, png } from './image-fixtures.js';

const URL_A = 'https://example.com/a.png';
const URL_B = 'https://example.com/b.png';
const PNG_URI = 'data:image/png;base64,iVBORw0KGgo=';

/** A body for `model` with `content` and `parameters`, bypassing the builder to reach every shape. */
function body(model: string, content: unknown[], parameters?: Record<string, unknown>): unknown {
  return {
    model,
    input: { messages: [{ role: 'user', content }] },
    ...(parameters ? { parameters } : {}),
  };
}
const t2i = (model: string, parameters?: Record<string, unknown>) =>
  body(model, [{ text: 'a red fox' }], parameters);
const edit = (model: string, images: number, parameters?: Record<string, unknown>) =>
  body(
    model,
    [
      ...Array.from({ length: images }, (_, i) => ({ image: `https://example.com/${i}.png` })),
      { text: 'edit it' },
    ],
    parameters,
  );
const palette = (ratios: string[]) => ratios.map((ratio, i) => ({ hex: `#00000${i}`, ratio }));
/** A real 300x300 PNG followed by `bytes` of padding: a data URI of about that size. */
const bigDataUri = (bytes: number) =>
  dataUri('png', Buffer.concat([png(300, 300), Buffer.alloc(bytes)]));

type Case = [name: string, request: unknown, expected: ValidationIssue];

// Every case is a distinct invalid request that must be rejected before any network call, with the
// path and the rule in words that a developer sees.
const invalid: Case[] = [
  // --- shape (any model) ---
  [
    'body is not an object',
    'hello',
    {
      path: 'body',
      rule: 'shape.invalid_type',
      message: 'expected an object; got the string "hello"',
    },
  ],
  [
    'model missing',
    { input: { messages: [] } },
    { path: 'model', rule: 'shape.invalid_type', message: 'expected a string; got nothing' },
  ],
  [
    'model empty',
    body('', [{ text: 'x' }]),
    { path: 'model', rule: 'model-required', message: 'model must be a non-empty string' },
  ],
  [
    'messages missing',
    { model: 'wan2.7-image', input: {} },
    {
      path: 'input.messages',
      rule: 'shape.invalid_type',
      message: 'expected an array; got nothing',
    },
  ],
  [
    'two messages',
    {
      model: 'wan2.7-image',
      input: {
        messages: [
          { role: 'user', content: [{ text: 'a' }] },
          { role: 'user', content: [{ text: 'b' }] },
        ],
      },
    },
    {
      path: 'input.messages',
      rule: 'single-message',
      message: 'input.messages must hold exactly one user message; it has 2',
    },
  ],
  [
    'assistant role',
    {
      model: 'wan2.7-image',
      input: { messages: [{ role: 'assistant', content: [{ text: 'a' }] }] },
    },
    {
      path: 'input.messages[0].role',
      rule: 'user-role',
      message: 'the message role must be "user"; got "assistant"',
    },
  ],
  [
    'empty content',
    body('wan2.7-image', []),
    {
      path: 'input.messages[0].content',
      rule: 'non-empty-content',
      message: 'content must hold at least one text or image item',
    },
  ],
  [
    'item with neither text nor image',
    body('wan2.7-image', [{ text: 'x' }, { video: 'v' }]),
    {
      path: 'input.messages[0].content[1]',
      rule: 'text-or-image',
      message: 'a content item needs a "text" or an "image" string',
    },
  ],
  [
    'item with both',
    body('wan2.7-image', [{ text: 'x', image: URL_A }]),
    {
      path: 'input.messages[0].content[0]',
      rule: 'text-or-image',
      message: 'a content item holds either text or image, not both',
    },
  ],
  [
    'text not a string',
    body('wan2.7-image', [{ text: 42 }]),
    {
      path: 'input.messages[0].content[0].text',
      rule: 'shape.invalid_type',
      message: 'expected a string; got number 42',
    },
  ],
  [
    'n not an integer',
    t2i('wan2.7-image', { n: 1.5 }),
    {
      path: 'parameters.n',
      rule: 'integer',
      message: 'expected an integer; got number 1.5',
    },
  ],
  [
    'watermark not boolean',
    t2i('wan2.7-image', { watermark: 'no' }),
    {
      path: 'parameters.watermark',
      rule: 'shape.invalid_type',
      message: 'expected a boolean; got the string "no"',
    },
  ],
  [
    'box with 3 numbers',
    edit('wan2.7-image', 1, { bbox_list: [[[1, 2, 3]]] }),
    {
      path: 'parameters.bbox_list[0][0]',
      rule: 'box-arity',
      message: 'a box is [x1, y1, x2, y2] (4 numbers); got an array of 3',
    },
  ],
  [
    'bbox_list not nested',
    edit('wan2.7-image', 1, { bbox_list: [1, 2, 3, 4] }),
    {
      path: 'parameters.bbox_list[0]',
      rule: 'shape.invalid_type',
      message: 'expected an array; got number 1',
    },
  ],
  // --- common rules (any model) ---
  [
    'file:// image',
    body('wan2.7-image', [{ image: 'file:///home/me/cat.png' }, { text: 'x' }]),
    {
      path: 'input.messages[0].content[0].image',
      rule: 'image-source',
      message:
        'image 1 uses file:; only http(s) URLs and data:image/...;base64 URIs reach the gateway',
    },
  ],
  [
    'oss:// image',
    body('wan2.7-image', [{ image: URL_A }, { image: 'oss://bucket/cat.png' }, { text: 'x' }]),
    {
      path: 'input.messages[0].content[1].image',
      rule: 'image-source',
      message:
        'image 2 uses oss:; only http(s) URLs and data:image/...;base64 URIs reach the gateway',
    },
  ],
  [
    'javascript: image',
    body('wan2.7-image', [{ image: 'javascript:alert(1)' }, { text: 'x' }]),
    {
      path: 'input.messages[0].content[0].image',
      rule: 'image-source',
      message:
        'image 1 uses javascript:; only http(s) URLs and data:image/...;base64 URIs reach the gateway',
    },
  ],
  [
    'relative path image',
    body('wan2.7-image', [{ image: 'cat.png' }, { text: 'x' }]),
    {
      path: 'input.messages[0].content[0].image',
      rule: 'image-source',
      message:
        'image 1 uses no scheme; only http(s) URLs and data:image/...;base64 URIs reach the gateway',
    },
  ],
  [
    'data URI of gif',
    body('wan2.7-image', [{ image: 'data:image/gif;base64,R0lGOD' }, { text: 'x' }]),
    {
      path: 'input.messages[0].content[0].image',
      rule: 'image-source',
      message:
        'image 1 data URI type image/gif is not accepted; use image/jpeg, image/png, image/bmp, image/webp',
    },
  ],
  [
    'data URI without base64',
    body('wan2.7-image', [{ image: 'data:image/png,abc' }, { text: 'x' }]),
    {
      path: 'input.messages[0].content[0].image',
      rule: 'image-source',
      message:
        'image 1 a data URI must look like data:image/png;base64,... (an image type and base64)',
    },
  ],
  [
    'empty data URI',
    body('wan2.7-image', [{ image: 'data:image/png;base64,' }, { text: 'x' }]),
    {
      path: 'input.messages[0].content[0].image',
      rule: 'image-source',
      message: 'image 1 the data URI holds no image data',
    },
  ],
  [
    'http URL without host',
    body('wan2.7-image', [{ image: 'https://' }, { text: 'x' }]),
    {
      path: 'input.messages[0].content[0].image',
      rule: 'image-source',
      message: 'image 1 not a valid URL',
    },
  ],
  [
    'no text for text-to-image',
    body('wan2.7-image', [], undefined),
    {
      path: 'input.messages[0].content',
      rule: 'non-empty-content',
      message: 'content must hold at least one text or image item',
    },
  ],
  [
    'blank prompt',
    body('wan2.7-image', [{ text: '   ' }]),
    {
      path: 'input.messages[0].content[0].text',
      rule: 'text-empty',
      message: 'the text prompt is empty',
    },
  ],
  [
    'seed negative',
    t2i('wan2.7-image', { seed: -1 }),
    {
      path: 'parameters.seed',
      rule: 'seed-range',
      message: 'seed must be an integer from 0 to 2147483647; got -1',
    },
  ],
  [
    'seed too large',
    t2i('wan2.7-image', { seed: 2147483648 }),
    {
      path: 'parameters.seed',
      rule: 'seed-range',
      message: 'seed must be an integer from 0 to 2147483647; got 2147483648',
    },
  ],
  [
    'n zero',
    t2i('wan2.7-image', { n: 0 }),
    { path: 'parameters.n', rule: 'n-range', message: 'n must be at least 1; got 0' },
  ],
  [
    'size lower-case tier',
    t2i('wan2.7-image', { size: '2k' }),
    {
      path: 'parameters.size',
      rule: 'size-format',
      message:
        'size must be a tier such as "2K" or pixels as "W*H" such as "1280*1280"; got "2k": use 2K',
    },
  ],
  [
    'size with x',
    t2i('wan2.7-image', { size: '1280x1280' }),
    {
      path: 'parameters.size',
      rule: 'size-format',
      message:
        'size must be a tier such as "2K" or pixels as "W*H" such as "1280*1280"; got "1280x1280": use 1280*1280',
    },
  ],
  [
    'bbox_list shorter than images',
    edit('wan2.7-image-pro', 2, { bbox_list: [[[1, 1, 5, 5]]] }),
    {
      path: 'parameters.bbox_list',
      rule: 'bbox-alignment',
      message:
        'bbox_list needs one entry per input image ([] for an image without boxes): the request has 2 images but bbox_list has 1 entry',
    },
  ],
  [
    'bbox_list without images',
    t2i('wan2.7-image-pro', { bbox_list: [[]] }),
    {
      path: 'parameters.bbox_list',
      rule: 'bbox-alignment',
      message:
        'bbox_list needs one entry per input image ([] for an image without boxes): the request has 0 images but bbox_list has 1 entry',
    },
  ],
  [
    'box with floats',
    edit('wan2.7-image-pro', 1, { bbox_list: [[[627.8, 10, 700, 80]]] }),
    {
      path: 'parameters.bbox_list[0][0]',
      rule: 'box-integer',
      message:
        'box 1 of image 1 must use integer pixels of the original image; got [627.8, 10, 700, 80]',
    },
  ],
  [
    'box with negative corner',
    edit('wan2.7-image-pro', 1, { bbox_list: [[[-5, 10, 700, 80]]] }),
    {
      path: 'parameters.bbox_list[0][0]',
      rule: 'box-non-negative',
      message:
        "box 1 of image 1 has a negative coordinate; the origin is the image's top-left corner: [-5, 10, 700, 80]",
    },
  ],
  [
    'box reversed in x',
    edit('wan2.7-image-pro', 2, { bbox_list: [[], [[700, 10, 600, 80]]] }),
    {
      path: 'parameters.bbox_list[1][0]',
      rule: 'box-order',
      message:
        'box 1 of image 2 must be [x1, y1, x2, y2] with x1 < x2 and y1 < y2 (top-left, then bottom-right); got [700, 10, 600, 80]',
    },
  ],
  [
    'box empty in y',
    edit('wan2.7-image-pro', 1, { bbox_list: [[[10, 80, 700, 80]]] }),
    {
      path: 'parameters.bbox_list[0][0]',
      rule: 'box-order',
      message:
        'box 1 of image 1 must be [x1, y1, x2, y2] with x1 < x2 and y1 < y2 (top-left, then bottom-right); got [10, 80, 700, 80]',
    },
  ],
  // --- wan2.7 ---
  [
    'wan2.7 text too long',
    body('wan2.7-image-pro', [{ text: 'x'.repeat(5001) }]),
    {
      path: 'input.messages[0].content[0].text',
      rule: 'text-length',
      message: 'wan2.7-image-pro accepts at most 5000 characters of text; this prompt has 5001',
    },
  ],
  [
    'wan2.7 text too long in characters outside the BMP (each two UTF-16 units)',
    body('wan2.7-image-pro', [{ text: `${'🦊'.repeat(5000)}雪` }]),
    {
      path: 'input.messages[0].content[0].text',
      rule: 'text-length',
      message: 'wan2.7-image-pro accepts at most 5000 characters of text; this prompt has 5001',
    },
  ],
  [
    'wan2.7 ten images',
    edit('wan2.7-image', 10),
    {
      path: 'input.messages[0].content',
      rule: 'image-count',
      message: 'wan2.7-image takes at most 9 input images; the request has 10',
    },
  ],
  [
    'wan2.7 image over 20 MB',
    body('wan2.7-image', [{ image: bigDataUri(21 * 1024 * 1024) }, { text: 'x' }]),
    {
      path: 'input.messages[0].content[0].image',
      rule: 'image-bytes',
      message: 'wan2.7-image accepts images of at most 20 MB; image 1 is 21 MB',
    },
  ],
  [
    'wan2.7-image 4K',
    t2i('wan2.7-image', { size: '4K' }),
    {
      path: 'parameters.size',
      rule: 'size-tier',
      message: 'wan2.7-image offers the size tiers 1K, 2K; got 4K',
    },
  ],
  [
    'pro 4K with an input image',
    edit('wan2.7-image-pro', 1, { size: '4K' }),
    {
      path: 'parameters.size',
      rule: 'size-tier',
      message: 'wan2.7-image-pro allows 4K only for text-to-image (no input images); got 4K',
    },
  ],
  [
    'pro 4K with sequential',
    t2i('wan2.7-image-pro', { size: '4K', enable_sequential: true }),
    {
      path: 'parameters.size',
      rule: 'size-tier',
      message:
        'wan2.7-image-pro allows 4K only with enable_sequential off (image sets are 2K at most); got 4K',
    },
  ],
  [
    'wan2.7 unknown tier 3K',
    t2i('wan2.7-image-pro', { size: '3K' }),
    {
      path: 'parameters.size',
      rule: 'size-tier',
      message: 'wan2.7-image-pro offers the size tiers 1K, 2K, 4K; got 3K',
    },
  ],
  [
    'wan2.7 W*H too small',
    t2i('wan2.7-image', { size: '512*512' }),
    {
      path: 'parameters.size',
      rule: 'size-pixels',
      message:
        'wan2.7-image needs W*H between 768*768 and 2048*2048 pixels in this scenario; 512*512 is 262144',
    },
  ],
  [
    'pro edit W*H above 2048^2',
    edit('wan2.7-image-pro', 1, { size: '3000*3000' }),
    {
      path: 'parameters.size',
      rule: 'size-pixels',
      message:
        'wan2.7-image-pro needs W*H between 768*768 and 2048*2048 pixels in this scenario; 3000*3000 is 9000000',
    },
  ],
  [
    'pro t2i W*H above 4096^2',
    t2i('wan2.7-image-pro', { size: '5000*4000' }),
    {
      path: 'parameters.size',
      rule: 'size-pixels',
      message:
        'wan2.7-image-pro needs W*H between 768*768 and 4096*4096 pixels in this scenario; 5000*4000 is 20000000',
    },
  ],
  [
    'wan2.7 aspect 1:9',
    t2i('wan2.7-image-pro', { size: '600*5400' }),
    {
      path: 'parameters.size',
      rule: 'size-aspect-ratio',
      message: 'wan2.7-image-pro allows aspect ratios from 1:8 to 8:1; 600*5400 is beyond that',
    },
  ],
  [
    'wan2.7 n 5 without sequential',
    t2i('wan2.7-image', { n: 5 }),
    {
      path: 'parameters.n',
      rule: 'n-range',
      message: 'wan2.7-image allows n from 1 to 4 with enable_sequential off; got 5',
    },
  ],
  [
    'wan2.7 n 13 with sequential',
    t2i('wan2.7-image-pro', { n: 13, enable_sequential: true }),
    {
      path: 'parameters.n',
      rule: 'n-range',
      message: 'wan2.7-image-pro allows n from 1 to 12 with enable_sequential on; got 13',
    },
  ],
  [
    'wan2.7 three boxes on image 2',
    edit('wan2.7-image-pro', 2, {
      bbox_list: [
        [],
        [
          [1, 1, 5, 5],
          [6, 6, 9, 9],
          [10, 10, 20, 20],
        ],
      ],
    }),
    {
      path: 'parameters.bbox_list[1]',
      rule: 'max-boxes-per-image',
      message: 'wan2.7-image-pro allows at most 2 boxes per image; image 2 has 3',
    },
  ],
  [
    'sequential with thinking_mode',
    t2i('wan2.7-image-pro', { enable_sequential: true, thinking_mode: true }),
    {
      path: 'parameters.thinking_mode',
      rule: 'sequential-conflict',
      message:
        'wan2.7-image-pro cannot combine enable_sequential with thinking_mode; remove one of them',
    },
  ],
  [
    'sequential with color_palette',
    t2i('wan2.7-image', {
      enable_sequential: true,
      color_palette: palette(['50.00%', '25.00%', '25.00%']),
    }),
    {
      path: 'parameters.color_palette',
      rule: 'sequential-conflict',
      message:
        'wan2.7-image cannot combine enable_sequential with color_palette; remove one of them',
    },
  ],
  [
    'color_palette with 2 entries',
    t2i('wan2.7-image', { color_palette: palette(['50.00%', '50.00%']) }),
    {
      path: 'parameters.color_palette',
      rule: 'color-palette-count',
      message: 'wan2.7-image takes 3 to 10 color_palette entries; got 2',
    },
  ],
  [
    'color_palette ratio without decimals',
    t2i('wan2.7-image', { color_palette: palette(['50%', '25.00%', '25.00%']) }),
    {
      path: 'parameters.color_palette[0].ratio',
      rule: 'color-palette-ratio',
      message: 'ratio must be a percentage with two decimals, like "23.51%"',
    },
  ],
  [
    'color_palette sum 99.99',
    t2i('wan2.7-image', { color_palette: palette(['33.33%', '33.33%', '33.33%']) }),
    {
      path: 'parameters.color_palette',
      rule: 'color-palette-sum',
      message: 'color_palette ratios must add up to 100.00%; they add up to 99.99%',
    },
  ],
  [
    'color_palette bad hex',
    t2i('wan2.7-image', {
      color_palette: [{ hex: 'red', ratio: '50.00%' }, ...palette(['25.00%', '25.00%'])],
    }),
    {
      path: 'parameters.color_palette[0].hex',
      rule: 'color-palette-hex',
      message: 'hex must be a colour like "#C2D1E6"',
    },
  ],
  // --- wan2.6-t2i ---
  [
    'wan2.6-t2i with an image',
    edit('wan2.6-t2i', 1),
    {
      path: 'input.messages[0].content',
      rule: 'image-count',
      message: 'wan2.6-t2i takes no input images (it is text-to-image only); the request has 1',
    },
  ],
  [
    'wan2.6-t2i text too long',
    body('wan2.6-t2i', [{ text: 'x'.repeat(2101) }]),
    {
      path: 'input.messages[0].content[0].text',
      rule: 'text-length',
      message: 'wan2.6-t2i accepts at most 2100 characters of text; this prompt has 2101',
    },
  ],
  [
    'wan2.6-t2i tier size',
    t2i('wan2.6-t2i', { size: '2K' }),
    {
      path: 'parameters.size',
      rule: 'size-tier',
      message: 'wan2.6-t2i takes size as W*H pixels (such as 1280*1280), not a tier; got 2K',
    },
  ],
  [
    'wan2.6-t2i below 1280^2',
    t2i('wan2.6-t2i', { size: '1024*1024' }),
    {
      path: 'parameters.size',
      rule: 'size-pixels',
      message:
        'wan2.6-t2i needs W*H between 1280*1280 and 1440*1440 pixels in this scenario; 1024*1024 is 1048576',
    },
  ],
  [
    'wan2.6-t2i aspect 1:5',
    t2i('wan2.6-t2i', { size: '600*3000' }),
    {
      path: 'parameters.size',
      rule: 'size-aspect-ratio',
      message: 'wan2.6-t2i allows aspect ratios from 1:4 to 4:1; 600*3000 is beyond that',
    },
  ],
  [
    'wan2.6-t2i negative prompt too long',
    t2i('wan2.6-t2i', { negative_prompt: 'n'.repeat(501) }),
    {
      path: 'parameters.negative_prompt',
      rule: 'negative-prompt-length',
      message: 'wan2.6-t2i accepts a negative_prompt of at most 500 characters; got 501',
    },
  ],
  [
    'wan2.6-t2i n 5',
    t2i('wan2.6-t2i', { n: 5 }),
    { path: 'parameters.n', rule: 'n-range', message: 'wan2.6-t2i allows n from 1 to 4; got 5' },
  ],
  // --- wan2.6-image ---
  [
    'wan2.6-image with no image',
    t2i('wan2.6-image'),
    {
      path: 'input.messages[0].content',
      rule: 'image-count',
      message: 'wan2.6-image needs at least 1 input image; the request has 0',
    },
  ],
  [
    'wan2.6-image five images',
    edit('wan2.6-image', 5),
    {
      path: 'input.messages[0].content',
      rule: 'image-count',
      message: 'wan2.6-image takes at most 4 input images; the request has 5',
    },
  ],
  [
    'wan2.6-image two text items',
    body('wan2.6-image', [{ image: URL_A }, { text: 'a' }, { text: 'b' }]),
    {
      path: 'input.messages[0].content',
      rule: 'text-count',
      message: 'wan2.6-image takes exactly one text item; the request has 2',
    },
  ],
  [
    'wan2.6-image text too long',
    body('wan2.6-image', [{ image: URL_A }, { text: 'x'.repeat(2001) }]),
    {
      path: 'input.messages[0].content[1].text',
      rule: 'text-length',
      message: 'wan2.6-image accepts at most 2000 characters of text; this prompt has 2001',
    },
  ],
  [
    'wan2.6-image image over 10 MB',
    body('wan2.6-image', [{ image: bigDataUri(11 * 1024 * 1024) }, { text: 'x' }]),
    {
      path: 'input.messages[0].content[0].image',
      rule: 'image-bytes',
      message: 'wan2.6-image accepts images of at most 10 MB; image 1 is 11 MB',
    },
  ],
  [
    'wan2.6-image 4K',
    edit('wan2.6-image', 1, { size: '4K' }),
    {
      path: 'parameters.size',
      rule: 'size-tier',
      message: 'wan2.6-image offers the size tiers 1K, 2K; got 4K',
    },
  ],
  [
    'wan2.6-image aspect 5:1',
    edit('wan2.6-image', 1, { size: '3000*600' }),
    {
      path: 'parameters.size',
      rule: 'size-aspect-ratio',
      message: 'wan2.6-image allows aspect ratios from 1:4 to 4:1; 3000*600 is beyond that',
    },
  ],
  // --- qwen-image-edit family ---
  [
    'qwen-image-edit without image',
    t2i('qwen-image-edit'),
    {
      path: 'input.messages[0].content',
      rule: 'image-count',
      message: 'qwen-image-edit needs at least 1 input image; the request has 0',
    },
  ],
  [
    'qwen-image-edit four images',
    edit('qwen-image-edit-plus', 4),
    {
      path: 'input.messages[0].content',
      rule: 'image-count',
      message: 'qwen-image-edit-plus takes at most 3 input images; the request has 4',
    },
  ],
  [
    'qwen-image-edit n 2',
    edit('qwen-image-edit', 1, { n: 2 }),
    {
      path: 'parameters.n',
      rule: 'n-range',
      message: 'qwen-image-edit allows n from 1 to 1; got 2',
    },
  ],
  [
    'qwen-image-edit-max n 7',
    edit('qwen-image-edit-max', 1, { n: 7 }),
    {
      path: 'parameters.n',
      rule: 'n-range',
      message: 'qwen-image-edit-max allows n from 1 to 6; got 7',
    },
  ],
  [
    'qwen-image-edit-plus side 400',
    edit('qwen-image-edit-plus', 1, { size: '400*1024' }),
    {
      path: 'parameters.size',
      rule: 'size-side',
      message:
        'qwen-image-edit-plus needs width and height each from 512 to 2048 pixels; got 400*1024',
    },
  ],
  [
    'qwen-image-edit-plus tier',
    edit('qwen-image-edit-plus', 1, { size: '2K' }),
    {
      path: 'parameters.size',
      rule: 'size-tier',
      message:
        'qwen-image-edit-plus takes size as W*H pixels (such as 1280*1280), not a tier; got 2K',
    },
  ],
  [
    'dated qwen snapshot resolves to its family',
    edit('qwen-image-edit-plus-2025-10-30', 1, { n: 7 }),
    {
      path: 'parameters.n',
      rule: 'n-range',
      message: 'qwen-image-edit-plus allows n from 1 to 6; got 7',
    },
  ],
  [
    'provider/model resolves to the same rules',
    edit('alibaba/wan2.7-image-pro', 1, { size: '4K' }),
    {
      path: 'parameters.size',
      rule: 'size-tier',
      message: 'wan2.7-image-pro allows 4K only for text-to-image (no input images); got 4K',
    },
  ],
];

describe('invalid requests are rejected with path, rule and message', () => {
  it('covers at least 40 distinct invalid requests', () => {
    expect(new Set(invalid.map(([name]) => name)).size).toBe(invalid.length);
    expect(invalid.length).toBeGreaterThanOrEqual(40);
  });

  it.each(invalid)('%s', (_name, request, expected) => {
    const result = validateImageRequest(request);
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual(expected);
  });
});

describe('warnings do not block', () => {
  type WarningCase = [name: string, request: unknown, expected: ValidationIssue];
  const warnings: WarningCase[] = [
    [
      'negative_prompt on wan2.7',
      t2i('wan2.7-image-pro', { negative_prompt: 'blurry' }),
      {
        path: 'parameters.negative_prompt',
        rule: 'unsupported-parameter',
        message: 'wan2.7-image-pro does not support negative_prompt; the gateway ignores it',
      },
    ],
    [
      'prompt_extend on wan2.7',
      t2i('wan2.7-image', { prompt_extend: true }),
      {
        path: 'parameters.prompt_extend',
        rule: 'unsupported-parameter',
        message: 'wan2.7-image does not support prompt_extend; the gateway ignores it',
      },
    ],
    [
      'thinking_mode on wan2.6-t2i',
      t2i('wan2.6-t2i', { thinking_mode: true }),
      {
        path: 'parameters.thinking_mode',
        rule: 'unsupported-parameter',
        message: 'wan2.6-t2i does not support thinking_mode; the gateway ignores it',
      },
    ],
    [
      'thinking_mode with input images',
      edit('wan2.7-image-pro', 1, { thinking_mode: true }),
      {
        path: 'parameters.thinking_mode',
        rule: 'thinking-mode-text-only',
        message:
          'wan2.7-image-pro applies thinking_mode only to text-to-image; with input images it has no effect',
      },
    ],
    [
      'boxes with sequential [guess]',
      edit('wan2.7-image-pro', 1, { enable_sequential: true, bbox_list: [[[1, 1, 9, 9]]] }),
      {
        path: 'parameters.bbox_list',
        rule: 'bbox-with-sequential',
        message:
          'boxes are for editing one image; combining bbox_list with enable_sequential is likely rejected upstream',
      },
    ],
    [
      'size on qwen-image-edit',
      edit('qwen-image-edit', 1, { size: '1024*1024' }),
      {
        path: 'parameters.size',
        rule: 'unsupported-parameter',
        message: 'qwen-image-edit does not support size; the gateway ignores it',
      },
    ],
    [
      'images without a prompt',
      body('wan2.7-image', [{ image: URL_A }]),
      {
        path: 'input.messages[0].content',
        rule: 'text-required',
        message: 'no text prompt: the model gets images without instructions',
      },
    ],
    [
      'unknown model',
      t2i('flux-9000', { n: 40 }),
      {
        path: 'model',
        rule: 'unknown-model',
        message:
          'unknown model "flux-9000": only the request shape was checked; register its rules with defineModelRules to check its limits',
      },
    ],
  ];
  it.each(warnings)('%s', (_name, request, expected) => {
    const result = validateImageRequest(request);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual(expected);
  });

  it('gives an unknown model exactly one warning and still checks its shape', () => {
    expect(validateImageRequest(t2i('flux-9000')).warnings).toHaveLength(1);
    const bad = validateImageRequest(
      body('flux-9000', [{ image: 'file:///x.png' }, { text: 'x' }], { seed: -3 }),
    );
    expect(bad.errors.map((e) => e.rule)).toEqual(['image-source', 'seed-range']);
  });
});

describe('valid requests per scenario', () => {
  it.each([
    ['pro 4K text-to-image', t2i('wan2.7-image-pro', { size: '4K', thinking_mode: true, n: 4 })],
    ['pro t2i 4096*4096', t2i('wan2.7-image-pro', { size: '4096*4096' })],
    [
      'wan2.7 edit 9 images with data URI',
      body(
        'wan2.7-image',
        [...Array.from({ length: 8 }, () => ({ image: URL_A })), { image: PNG_URI }, { text: 'x' }],
        { size: '1K' },
      ),
    ],
    ['wan2.7 aspect exactly 8:1', t2i('wan2.7-image', { size: '4096*512' })],
    [
      'wan2.7 5000 characters outside the BMP (10000 UTF-16 units)',
      body('wan2.7-image-pro', [{ text: '🦊'.repeat(5000) }]),
    ],
    [
      'wan2.7 two boxes per image',
      edit('wan2.7-image', 2, {
        bbox_list: [
          [
            [0, 0, 1, 1],
            [2, 2, 3, 3],
          ],
          [],
        ],
      }),
    ],
    [
      'sequential n 12 with thinking_mode false',
      t2i('wan2.7-image-pro', { enable_sequential: true, n: 12, thinking_mode: false }),
    ],
    [
      'color palette sums to 100',
      t2i('wan2.7-image', { color_palette: palette(['33.34%', '33.33%', '33.33%']) }),
    ],
    [
      'wan2.6-image with one text',
      body('wan2.6-image', [{ image: URL_A }, { image: URL_B }, { text: 'x' }], {
        size: '1280*1280',
        n: 4,
      }),
    ],
    ['qwen-image-edit-max', edit('qwen-image-edit-max', 3, { n: 6, size: '2048*512' })],
    ['extra unknown parameters pass', t2i('wan2.7-image', { future_flag: { deep: true } })],
    ['seed bounds', t2i('wan2.7-image', { seed: 2147483647 })],
  ])('%s', (_name, request) => {
    expect(validateImageRequest(request)).toEqual({ ok: true, errors: [], warnings: [] });
  });
});

describe('rules are data users can extend', () => {
  const custom = defineModelRules({
    model: 'acme-paint',
    aliases: ['acme-paint-v1'],
    text: { maxLength: 10 },
    images: { min: 0, max: 1 },
    n: { max: 2 },
    supports: ['seed'],
  });

  it('a custom registry checks a new model without touching the default one', () => {
    const registry = createModelRegistry().extend(custom);
    const request = body('acme/acme-paint-v1', [{ text: 'a very long prompt' }], { n: 3 });
    const result = validateImageRequest(request, { registry });
    expect(result.errors.map((e) => e.message)).toEqual([
      'acme-paint accepts at most 10 characters of text; this prompt has 18',
      'acme-paint allows n from 1 to 2; got 3',
    ]);
    expect(validateImageRequest(request).warnings[0]?.rule).toBe('unknown-model');
    expect(registry.resolve('wan2.7-image-pro')?.model).toBe('wan2.7-image-pro');
  });

  it('overriding a built-in model replaces its limits', () => {
    const builtin = resolveModelRules('wan2.7-image');
    if (!builtin) throw new Error('wan2.7-image rules missing');
    const registry = createModelRegistry().extend({ ...builtin, maxBoxesPerImage: 5 });
    const request = edit('wan2.7-image', 1, {
      bbox_list: [
        [
          [1, 1, 2, 2],
          [3, 3, 4, 4],
          [5, 5, 6, 6],
        ],
      ],
    });
    expect(validateImageRequest(request).ok).toBe(false);
    expect(validateImageRequest(request, { registry }).ok).toBe(true);
    expect(registry.list().filter((r) => r.model === 'wan2.7-image')).toHaveLength(1);
  });

  it('builder validation takes the registry too', () => {
    const registry = createModelRegistry().extend(custom);
    expect(imageRequest('acme-paint').text('ok').n(2).validate({ registry }).ok).toBe(true);
    expect(imageRequest('acme-paint').text('ok').n(3).validate({ registry }).ok).toBe(false);
  });

  it('defineModelRules rejects a broken definition where it is written', () => {
    expect(() => defineModelRules({ ...custom, model: 'acme/paint' })).toThrow(/bare name/);
    expect(() => defineModelRules({ ...custom, images: { min: 2, max: 1 } })).toThrow(
      /images.min..max/,
    );
  });

  it('every built-in rule set passes defineModelRules (they are plain data, not run through it)', () => {
    for (const rules of builtinModelRules) expect(defineModelRules(rules)).toBe(rules);
  });

  it('the default registry knows every model of the rules document', () => {
    expect(defaultModelRegistry.list().map((r) => r.model)).toEqual([
      'wan2.7-image',
      'wan2.7-image-pro',
      'wan2.6-t2i',
      'wan2.6-image',
      'qwen-image-edit',
      'qwen-image-edit-plus',
      'qwen-image-edit-max',
    ]);
  });
});

it('a body built by the builder and the same literal body validate identically', () => {
  const literal: ImageRequestBody = {
    model: 'wan2.7-image-pro',
    input: { messages: [{ role: 'user', content: [{ image: URL_A }, { text: 'x' }] }] },
    parameters: { bbox_list: [[[5, 5, 1, 1]]] },
  };
  const built = imageRequest('wan2.7-image-pro')
    .image(URL_A, { boxes: [[5, 5, 1, 1]] })
    .text('x');
  expect(built.validate()).toEqual(validateImageRequest(literal));
});
