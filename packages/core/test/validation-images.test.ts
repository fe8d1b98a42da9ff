import { describe, expect, it } from 'vitest';
import { type ValidationIssue, validateImageRequest } from '../src/index.js';
import { bmp, dataUri, jpeg, png, webp } from './image-fixtures.js';

// Where the bytes are at hand (data URIs), an image is checked against the model before any call:
// its payload, its type, its size, its shape and its alpha channel. Plus the rules corrected from
// the upstream documentation (text count, the qwen-image-edit family).

const IMAGE = 'input.messages[0].content[0].image';

/** A body for `model` with one image (or several) and one prompt, then `parameters`. */
function edit(model: string, images: string | string[], parameters?: Record<string, unknown>) {
  const list = Array.isArray(images) ? images : [images];
  return {
    model,
    input: {
      messages: [
        { role: 'user', content: [...list.map((image) => ({ image })), { text: 'edit' }] },
      ],
    },
    ...(parameters ? { parameters } : {}),
  };
}

const pngUri = (width: number, height: number) => dataUri('png', png(width, height));

type Case = [name: string, request: unknown, expected: ValidationIssue];

const errors: Case[] = [
  [
    'payload that is not base64',
    edit('wan2.7-image', 'data:image/png;base64,%%%'),
    {
      path: IMAGE,
      rule: 'image-data',
      message: 'image 1 is a data URI whose payload is not base64',
    },
  ],
  [
    'payload whose length no base64 has',
    edit('wan2.7-image', 'data:image/png;base64,iVBORw0KGgoA='),
    {
      path: IMAGE,
      rule: 'image-data',
      message: 'image 1 is a data URI whose payload is not base64',
    },
  ],
  [
    'garbage at the end of a valid header',
    edit('wan2.7-image', `${pngUri(300, 300).slice(0, -4)}!!!!`),
    {
      path: IMAGE,
      rule: 'image-data',
      message: 'image 1 is a data URI whose payload is not base64',
    },
  ],
  [
    'a JPEG declared as PNG',
    edit('wan2.7-image', dataUri('png', jpeg(300, 300))),
    {
      path: IMAGE,
      rule: 'image-data',
      message: 'image 1 is declared image/png but holds JPEG bytes; declare data:image/jpeg',
    },
  ],
  [
    'a PNG declared as WebP',
    edit('qwen-image-edit', dataUri('webp', png(500, 500))),
    {
      path: IMAGE,
      rule: 'image-data',
      message: 'image 1 is declared image/webp but holds PNG bytes; declare data:image/png',
    },
  ],
  [
    'bytes of no image',
    edit('flux-9000', dataUri('jpeg', Buffer.from('GIF89a, not what it says'))),
    {
      path: IMAGE,
      rule: 'image-data',
      message: 'image 1 is declared image/jpeg but holds bytes of no PNG, JPEG, WebP or BMP image',
    },
  ],
  [
    'a 100x100 PNG on wan2.7',
    edit('wan2.7-image', pngUri(100, 100)),
    {
      path: IMAGE,
      rule: 'image-dimensions',
      message:
        'wan2.7-image needs input images from 240 to 8000 pixels on each side; image 1 is 100*100',
    },
  ],
  [
    'a JPEG wider than 8000 px on wan2.7-image-pro',
    edit('wan2.7-image-pro', dataUri('jpeg', jpeg(8001, 2000))),
    {
      path: IMAGE,
      rule: 'image-dimensions',
      message:
        'wan2.7-image-pro needs input images from 240 to 8000 pixels on each side; image 1 is 8001*2000',
    },
  ],
  [
    'a 239 px high WebP on wan2.6-image (second image)',
    edit('wan2.6-image', [pngUri(300, 300), dataUri('webp', webp(1000, 239, 'VP8L'))]),
    {
      path: 'input.messages[0].content[1].image',
      rule: 'image-dimensions',
      message:
        'wan2.6-image needs input images from 240 to 8000 pixels on each side; image 2 is 1000*239',
    },
  ],
  [
    'a 300x400 BMP on qwen-image-edit (384 px at least)',
    edit('qwen-image-edit', dataUri('bmp', bmp(300, 400))),
    {
      path: IMAGE,
      rule: 'image-dimensions',
      message:
        'qwen-image-edit needs input images from 384 to 3072 pixels on each side; image 1 is 300*400',
    },
  ],
  [
    'a 4000 px JPEG on qwen-image-edit-plus (3072 at most)',
    edit('qwen-image-edit-plus', dataUri('jpeg', jpeg(4000, 3000, { progressive: true }))),
    {
      path: IMAGE,
      rule: 'image-dimensions',
      message:
        'qwen-image-edit-plus needs input images from 384 to 3072 pixels on each side; image 1 is 4000*3000',
    },
  ],
  [
    'a 1:9 image on wan2.7',
    edit('wan2.7-image', dataUri('webp', webp(300, 2700, 'VP8 '))),
    {
      path: IMAGE,
      rule: 'image-aspect-ratio',
      message:
        'wan2.7-image takes input images with aspect ratios from 1:8 to 8:1; image 1 is 300*2700',
    },
  ],
  [
    'an image URL with a leading space',
    edit('wan2.7-image', ' https://example.com/a.png'),
    {
      path: IMAGE,
      rule: 'image-source',
      message: 'image 1 has leading or trailing whitespace; remove it',
    },
  ],
  [
    'an image URL with a trailing newline',
    edit('wan2.7-image', 'https://example.com/a.png\n'),
    {
      path: IMAGE,
      rule: 'image-source',
      message: 'image 1 has leading or trailing whitespace; remove it',
    },
  ],
  [
    'a data URI with a trailing space',
    edit('wan2.7-image', `${pngUri(300, 300)} `),
    {
      path: IMAGE,
      rule: 'image-source',
      message: 'image 1 has leading or trailing whitespace; remove it',
    },
  ],
  [
    'an image URL with a control character inside',
    edit('wan2.7-image', 'https://example.com/a\u0000.png'),
    {
      path: IMAGE,
      rule: 'image-source',
      message: 'image 1 has a control character at position 22; remove it',
    },
  ],
  [
    'two text items on wan2.7',
    {
      model: 'wan2.7-image-pro',
      input: { messages: [{ role: 'user', content: [{ text: 'a fox' }, { text: 'in snow' }] }] },
    },
    {
      path: 'input.messages[0].content',
      rule: 'text-count',
      message: 'wan2.7-image-pro takes exactly one text item; the request has 2',
    },
  ],
  [
    'qwen-image-edit text over 800 characters',
    {
      model: 'qwen-image-edit-max',
      input: {
        messages: [
          {
            role: 'user',
            content: [{ image: 'https://example.com/a.png' }, { text: 'x'.repeat(801) }],
          },
        ],
      },
    },
    {
      path: 'input.messages[0].content[1].text',
      rule: 'text-length',
      message: 'qwen-image-edit-max accepts at most 800 characters of text; this prompt has 801',
    },
  ],
  [
    'qwen-image-edit negative_prompt over 500 characters',
    edit('qwen-image-edit', 'https://example.com/a.png', { negative_prompt: 'y'.repeat(501) }),
    {
      path: 'parameters.negative_prompt',
      rule: 'negative-prompt-length',
      message: 'qwen-image-edit accepts a negative_prompt of at most 500 characters; got 501',
    },
  ],
  [
    'qwen-image-edit image over 10 MB',
    edit(
      'qwen-image-edit-plus',
      dataUri('png', Buffer.concat([png(500, 500), Buffer.alloc(11 * 1024 * 1024)])),
    ),
    {
      path: IMAGE,
      rule: 'image-bytes',
      message: 'qwen-image-edit-plus accepts images of at most 10 MB; image 1 is 11 MB',
    },
  ],
];

describe('image bytes and corrected rules: errors with path, rule and message', () => {
  it.each(errors)('%s', (_name, request, expected) => {
    const result = validateImageRequest(request);
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual(expected);
  });
});

describe('warnings', () => {
  it('a PNG with alpha on wan2.7 (which wants none) is a warning', () => {
    const result = validateImageRequest(
      edit('wan2.7-image', dataUri('png', png(300, 300, { colorType: 6 }))),
    );
    expect(result.ok).toBe(true);
    expect(result.warnings).toEqual([
      {
        path: IMAGE,
        rule: 'image-alpha',
        message:
          'wan2.7-image takes images without transparency; image 1 is a PNG with an alpha channel: flatten it or send a JPEG',
      },
    ]);
    const palette = png(300, 300, { colorType: 3, transparency: true });
    expect(
      validateImageRequest(edit('wan2.7-image-pro', dataUri('png', palette))).warnings,
    ).toHaveLength(1);
  });

  it('alpha is not flagged where the model takes it, nor on an opaque PNG', () => {
    const rgba = dataUri('png', png(500, 500, { colorType: 6 }));
    expect(validateImageRequest(edit('qwen-image-edit', rgba)).warnings).toEqual([]);
    expect(validateImageRequest(edit('wan2.7-image', pngUri(300, 300))).warnings).toEqual([]);
  });

  it('prompt_extend is a warning on qwen-image-edit, accepted on -plus and -max', () => {
    const on = (model: string) =>
      validateImageRequest(edit(model, 'https://example.com/a.png', { prompt_extend: true }));
    expect(on('qwen-image-edit')).toEqual({
      ok: true,
      errors: [],
      warnings: [
        {
          path: 'parameters.prompt_extend',
          rule: 'unsupported-parameter',
          message: 'qwen-image-edit does not support prompt_extend; the gateway ignores it',
        },
      ],
    });
    expect(on('qwen-image-edit-plus').warnings).toEqual([]);
    expect(on('qwen-image-edit-max').warnings).toEqual([]);
  });
});

describe('images that pass', () => {
  it.each([
    ['wan2.7 at the smallest side, 240*240 PNG', 'wan2.7-image', pngUri(240, 240)],
    [
      'wan2.7 8:1 JPEG with EXIF first',
      'wan2.7-image',
      dataUri('jpeg', jpeg(1920, 240, { exifBytes: 60_000 })),
    ],
    [
      'wan2.7 8000 px progressive JPEG',
      'wan2.7-image-pro',
      dataUri('jpeg', jpeg(8000, 1000, { progressive: true })),
    ],
    [
      'wan2.6-image 1:9 WebP (no ratio rule for its inputs)',
      'wan2.6-image',
      dataUri('webp', webp(300, 2700, 'VP8X')),
    ],
    ['qwen-image-edit 384*3072 BMP', 'qwen-image-edit', dataUri('bmp', bmp(384, 3072))],
    [
      'a truncated header is checked for its type only',
      'wan2.7-image',
      'data:image/png;base64,iVBORw0KGgo=',
    ],
    ['an unknown model with a tiny image (no size rules)', 'flux-9000', pngUri(10, 10)],
  ])('%s', (_name, model, image) => {
    const result = validateImageRequest(edit(model, image));
    expect(result.errors).toEqual([]);
    expect(result.warnings.filter((w) => w.rule !== 'unknown-model')).toEqual([]);
  });

  it('a URL is not fetched: its size is not checked', () => {
    expect(validateImageRequest(edit('wan2.7-image', 'https://example.com/tiny.png')).ok).toBe(
      true,
    );
  });
});
