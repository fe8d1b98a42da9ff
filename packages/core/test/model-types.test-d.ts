import { describe, expectTypeOf, it } from 'vitest';
import {
  type ImageModelCount,
  type ImageModelSize,
  type ImageRequestBuilder,
  imageRequest,
  type KnownImageModel,
  type ModelRequestBuilder,
} from '../src/index.js';

// Types that know the models. Each `@ts-expect-error` fails the typecheck when the line compiles,
// so a rule the types stop enforcing breaks this file (`vitest --typecheck`, part of `pnpm test`).

describe('size', () => {
  it('4K is an error on wan2.7-image and compiles on wan2.7-image-pro', () => {
    // @ts-expect-error wan2.7-image offers 1K and 2K only
    imageRequest('wan2.7-image').size('4K');
    // @ts-expect-error lower case too
    imageRequest('wan2.7-image').size('4k');
    imageRequest('wan2.7-image-pro').size('4K');
    imageRequest('wan2.7-image').size('2K').size('1k').size('1280*720').size('2048x2048');
  });

  it('wan2.6-t2i takes W*H only', () => {
    // @ts-expect-error no tiers on wan2.6-t2i
    imageRequest('wan2.6-t2i').size('2K');
    imageRequest('wan2.6-t2i').size('1280*1280');
  });

  it('qwen-image-edit-plus takes W*H only; provider/model names are known too', () => {
    // @ts-expect-error no tiers on qwen-image-edit-plus
    imageRequest('qwen-image-edit-plus').size('1K');
    // @ts-expect-error the provider prefix names the same model
    imageRequest('alibaba/wan2.7-image').size('4K');
    imageRequest('alibaba/wan2.7-image-pro').size('4K');
  });

  it('offers each model its literal values for completion', () => {
    expectTypeOf<ImageModelSize<'wan2.7-image'>>().toEqualTypeOf<
      '1K' | '2K' | '1k' | '2k' | `${number}*${number}` | `${number}x${number}`
    >();
    expectTypeOf<ImageModelSize<'wan2.6-t2i'>>().toEqualTypeOf<
      `${number}*${number}` | `${number}x${number}`
    >();
  });

  it('unknown models, string names and string values stay permissive', () => {
    imageRequest('flux-9000').size('whatever');
    const model: string = 'wan2.7-image';
    imageRequest(model).size('4K').n(40);
    const size: string = '4K';
    imageRequest('wan2.7-image').size(size);
    expectTypeOf<'anything'>().toExtend<ImageModelSize<string>>();
  });
});

describe('n', () => {
  it('above the maximum is an error', () => {
    // @ts-expect-error wan2.7 makes at most 4 without sequential
    imageRequest('wan2.7-image').n(5);
    // @ts-expect-error qwen-image-edit makes one image
    imageRequest('qwen-image-edit').n(2);
    // @ts-expect-error 0 is below the minimum
    imageRequest('wan2.6-image').n(0);
    imageRequest('wan2.7-image').n(4);
    imageRequest('qwen-image-edit-max').n(6);
  });

  it('sequential() raises wan2.7 to 12; sequential(false) does not', () => {
    imageRequest('wan2.7-image-pro').text('a set').sequential().n(12);
    // @ts-expect-error 13 is over the image-set maximum
    imageRequest('wan2.7-image-pro').sequential().n(13);
    // @ts-expect-error sequential off: 4 at most
    imageRequest('wan2.7-image-pro').sequential(false).n(5);
    const flag: boolean = true;
    imageRequest('wan2.7-image-pro').sequential(flag).n(12);
    expectTypeOf<ImageModelCount<'wan2.7-image', false>>().toEqualTypeOf<1 | 2 | 3 | 4>();
  });

  it('a number variable and an unknown model are checked at run time only', () => {
    const count: number = 40;
    imageRequest('wan2.7-image').n(count);
    imageRequest('flux-9000').n(40);
  });
});

describe('the builder stays one type', () => {
  it('a model builder is an ImageRequestBuilder, and keeps its model through the chain', () => {
    const built = imageRequest('wan2.7-image').text('x').image('https://example.com/a.png');
    expectTypeOf(built).toEqualTypeOf<ModelRequestBuilder<'wan2.7-image', false>>();
    expectTypeOf(built).toExtend<ImageRequestBuilder>();
    // @ts-expect-error .model() switches the checks to the new model
    built.model('wan2.6-t2i').size('2K');
    built.model('wan2.7-image-pro').size('4K');
  });

  it('editors complete the known model names', () => {
    expectTypeOf<KnownImageModel>().toEqualTypeOf<
      | 'wan2.7-image'
      | 'wan2.7-image-pro'
      | 'wan2.6-t2i'
      | 'wan2.6-image'
      | 'qwen-image-edit'
      | 'qwen-image-edit-plus'
      | 'qwen-image-edit-max'
    >();
    expectTypeOf(imageRequest).parameter(0).toExtend<string>();
  });
});
