import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ImageRequestBody,
  ImageRequestBuilder,
  imageRequest,
  isImageRequestBuilder,
  TokenHubValidationError,
  toCurl,
} from '../src/index.js';

const vectorsDir = join(import.meta.dirname, 'fixtures/vectors');
const vector = (name: string): ImageRequestBody =>
  JSON.parse(readFileSync(join(vectorsDir, `${name}.request.json`), 'utf8'));

// One builder chain per vector of the gateway's guide; every vector file must have one.
const chains: Record<string, () => ImageRequestBuilder> = {
  'text-to-image': () =>
    imageRequest('wan2.7-image-pro')
      .text(
        'A flower shop with elegant windows, a beautiful wooden door, and fresh flowers on display.',
      )
      .size('2K')
      .n(1)
      .watermark(false)
      .thinkingMode(true),
  'text-to-image.wan2.6-t2i': () =>
    imageRequest('wan2.6-t2i')
      .text(
        'A flower shop with elegant windows, a beautiful wooden door, and fresh flowers on display.',
      )
      .promptExtend(true)
      .watermark(false)
      .n(1)
      .negativePrompt('')
      .size('1280*1280'),
  'image-editing': () =>
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
  'interactive-editing': () =>
    imageRequest('wan2.7-image-pro')
      .image(
        'https://img.alicdn.com/imgextra/i3/O1CN0157XGE51l6iL9441yX_!!6000000004770-49-tps-1104-1472.webp',
      )
      .image(
        'https://img.alicdn.com/imgextra/i3/O1CN01SfG4J41UYn9WNt4X1_!!6000000002530-49-tps-1696-960.webp',
        {
          boxes: [[989, 515, 1138, 681]],
        },
      )
      .text(
        'Place the alarm clock from image 1 into the selected box in image 2, keeping scene and lighting naturally blended.',
      )
      .size('2K')
      .n(1)
      .watermark(false),
  'group-generation': () =>
    imageRequest('wan2.7-image-pro')
      .text(
        'A cinematic four-image sequence featuring the same stray orange cat with consistent appearance: Image 1 (spring): the cat walks under blooming cherry blossoms; Image 2 (summer): the cat rests in the shade on an old street; Image 3 (autumn): the cat steps on golden fallen leaves; Image 4 (winter): the cat leaves footprints in the snow.',
      )
      .sequential(true)
      .n(4)
      .size('2K'),
};

describe('builder reproduces every request vector of the guide', () => {
  const names = readdirSync(vectorsDir)
    .filter((file) => file.endsWith('.request.json'))
    .map((file) => file.replace('.request.json', ''));

  it('has a chain for each vector file', () => {
    expect(names.sort()).toEqual(Object.keys(chains).sort());
  });

  it.each(names)('%s', (name) => {
    const chain = chains[name];
    if (!chain) throw new Error(`no builder chain for vector ${name}`);
    const builder = chain();
    expect(builder.build()).toEqual(vector(name));
    expect(builder.validate()).toMatchObject({ ok: true, errors: [] });
  });
});

describe('builder setters', () => {
  const base = imageRequest('wan2.7-image').text('a cat');

  it.each([
    ['negativePrompt', base.negativePrompt('blur'), { negative_prompt: 'blur' }],
    ['size', base.size('1K'), { size: '1K' }],
    ['n', base.n(3), { n: 3 }],
    ['promptExtend', base.promptExtend(), { prompt_extend: true }],
    ['watermark', base.watermark(false), { watermark: false }],
    ['thinkingMode', base.thinkingMode(false), { thinking_mode: false }],
    ['sequential', base.sequential(), { enable_sequential: true }],
    ['seed', base.seed(42), { seed: 42 }],
    [
      'parameters',
      base.parameters({ color_palette: [{ hex: '#FFFFFF', ratio: '100.00%' }], custom: { a: 1 } }),
      { color_palette: [{ hex: '#FFFFFF', ratio: '100.00%' }], custom: { a: 1 } },
    ],
  ] as const)('%s writes its wire field', (_name, builder, parameters) => {
    expect(builder.toBody().parameters).toEqual(parameters);
  });

  it.each([
    ['2048x2048', '2048*2048'],
    ['1280X720', '1280*720'],
    [' 1024 × 1024 ', '1024*1024'],
    ['2k', '2K'],
    ['4k', '4K'],
    ['2K', '2K'],
    ['1280*1280', '1280*1280'],
  ])('size(%j) sends the gateway syntax %j', (given, sent) => {
    expect(base.size(given).toBody().parameters).toEqual({ size: sent });
  });

  it('size() keeps what it cannot read, for validation to name', () => {
    const huge: string = 'huge'; // a string from a form: the types leave it to validation
    expect(base.size(huge).toBody().parameters).toEqual({ size: 'huge' });
    expect(
      base
        .size(huge)
        .validate()
        .errors.map((e) => e.rule),
    ).toEqual(['size-format']);
    expect(base.size('2048x2048').validate()).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it('removes a parameter when set to undefined', () => {
    expect(base.size('2K').size(undefined).toBody().parameters).toBeUndefined();
    expect(
      base.parameters({ a: 1, b: 2 }).parameters({ a: undefined }).toBody().parameters,
    ).toEqual({ b: 2 });
  });

  it('omits parameters entirely when none is set', () => {
    expect(base.toBody()).toEqual({
      model: 'wan2.7-image',
      input: { messages: [{ role: 'user', content: [{ text: 'a cat' }] }] },
    });
  });

  it('keeps content items in call order', () => {
    const body = imageRequest('wan2.7-image')
      .text('first')
      .image('https://example.com/a.png')
      .text('second')
      .image('https://example.com/b.png')
      .toBody();
    expect(body.input.messages[0]?.content).toEqual([
      { text: 'first' },
      { image: 'https://example.com/a.png' },
      { text: 'second' },
      { image: 'https://example.com/b.png' },
    ]);
  });

  it('emits bbox_list only when some image has boxes, one entry per image', () => {
    const two = imageRequest('wan2.7-image')
      .text('x')
      .image('https://e.com/a.png')
      .image('https://e.com/b.png');
    expect(two.toBody().parameters).toBeUndefined();
    expect(two.model('wan2.7-image').toBody().parameters?.bbox_list).toBeUndefined();
    const boxed = imageRequest('wan2.7-image')
      .image('https://e.com/a.png', { boxes: [] })
      .image('https://e.com/b.png', {
        boxes: [
          [1, 2, 3, 4],
          [5, 6, 7, 8],
        ],
      })
      .image('https://e.com/c.png')
      .text('x');
    expect(boxed.toBody().parameters?.bbox_list).toEqual([
      [],
      [
        [1, 2, 3, 4],
        [5, 6, 7, 8],
      ],
      [],
    ]);
  });

  it('lets boxes from image() win over a bbox_list passed through parameters()', () => {
    const body = imageRequest('wan2.7-image')
      .parameters({ bbox_list: [[[0, 0, 1, 1]]] })
      .image('https://e.com/a.png', { boxes: [[10, 10, 20, 20]] })
      .text('x')
      .toBody();
    expect(body.parameters?.bbox_list).toEqual([[[10, 10, 20, 20]]]);
  });

  it('accepts provider/model names and can switch model', () => {
    const builder = imageRequest('alibaba/wan2.7-image-pro').text('a fox').size('4K');
    expect(builder.build().model).toBe('alibaba/wan2.7-image-pro');
    expect(builder.modelName).toBe('alibaba/wan2.7-image-pro');
    expect(() => builder.model('wan2.7-image').build()).toThrow(TokenHubValidationError);
  });
});

describe('builder immutability', () => {
  it('returns a new builder from every call and never changes the original', () => {
    const base = imageRequest('wan2.7-image').text('a cat');
    const before = JSON.stringify(base.toBody());
    const variants = [
      base.text('more'),
      base.image('https://e.com/a.png', { boxes: [[1, 1, 5, 5]] }),
      base.size('1K'),
      base.n(2),
      base.seed(1),
      base.parameters({ x: 1 }),
      base.model('wan2.7-image-pro'),
    ];
    for (const variant of variants) {
      expect(variant).not.toBe(base);
      expect(variant).toBeInstanceOf(ImageRequestBuilder);
    }
    expect(JSON.stringify(base.toBody())).toBe(before);
  });

  it('copies boxes, so mutating the caller array or the body later changes nothing', () => {
    const boxes: [number, number, number, number][] = [[1, 1, 5, 5]];
    const builder = imageRequest('wan2.7-image').image('https://e.com/a.png', { boxes }).text('x');
    boxes[0] = [9, 9, 10, 10];
    const body = builder.toBody();
    body.parameters?.bbox_list?.[0]?.push([2, 2, 3, 3]);
    expect(builder.toBody().parameters?.bbox_list).toEqual([[[1, 1, 5, 5]]]);
  });

  it('is recognised by isImageRequestBuilder, plain bodies are not', () => {
    const builder = imageRequest('wan2.7-image').text('x');
    expect(isImageRequestBuilder(builder)).toBe(true);
    expect(isImageRequestBuilder(builder.toBody())).toBe(false);
    expect(isImageRequestBuilder(null)).toBe(false);
  });
});

describe('build() and validate()', () => {
  it('build() throws TokenHubValidationError naming path and rule; validate() reports without throwing', () => {
    // @ts-expect-error n 5 is over wan2.7's 4 without sequential: a type error, and a runtime one
    const builder = imageRequest('wan2.7-image-pro').image('file:///tmp/cat.png').text('x').n(5);
    const result = builder.validate();
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.path)).toEqual([
      'input.messages[0].content[0].image',
      'parameters.n',
    ]);
    let thrown: unknown;
    try {
      builder.build();
    } catch (error) {
      thrown = error;
    }
    expect(TokenHubValidationError.isInstance(thrown)).toBe(true);
    const error = thrown as TokenHubValidationError;
    expect(error.issues).toEqual(result.errors);
    expect(error.message).toContain(
      'parameters.n: wan2.7-image-pro allows n from 1 to 4 with enable_sequential off; got 5',
    );
  });
});

describe('toCurl(request)', () => {
  it('prints the guide-style command with $TOKENHUB_API_KEY and a body that parses back', () => {
    const builder = chains['interactive-editing']?.();
    if (!builder) throw new Error('missing chain');
    const curl = toCurl(builder);
    expect(curl.split(' \\\n')[0]).toBe("curl -sS 'https://tokenhub.link/v1/images/generations'");
    expect(curl).toContain('-H "Authorization: Bearer $TOKENHUB_API_KEY"');
    expect(curl).toContain("-H 'Content-Type: application/json'");
    const data = curl.slice(curl.indexOf("-d '") + 4, -1).replaceAll(`'\\''`, "'");
    expect(JSON.parse(data)).toEqual(vector('interactive-editing'));
  });

  it('escapes single quotes for the shell and honours baseURL', () => {
    const curl = toCurl(imageRequest('wan2.7-image').text("it's a cat"), {
      baseURL: 'http://127.0.0.1:8787/',
    });
    expect(curl).toContain("'http://127.0.0.1:8787/v1/images/generations'");
    expect(curl).toContain(`it'\\''s a cat`);
  });

  it('takes a wire body as well as a builder, and prints the same command', () => {
    const builder = imageRequest('wan2.7-image').text('a fox').size('2K');
    expect(toCurl(builder.toBody())).toBe(toCurl(builder));
  });
});
