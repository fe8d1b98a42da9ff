import { imageRequest, TokenHubValidationError } from '@tokenhub/image-core';
import { describe, expect, it } from 'vitest';
import { clientFor, readVector, rejectionOf, transports, useMockGateway } from './helpers.js';

const gateway = useMockGateway();

const interactive = readVector('interactive-editing');

const invalid = [
  {
    name: 'bbox_list not aligned with the images',
    body: {
      ...interactive,
      parameters: { ...interactive.parameters, bbox_list: [[[989, 515, 1138, 681]]] },
    },
    path: 'parameters.bbox_list',
  },
  {
    name: 'a file:// image',
    body: {
      ...interactive,
      input: {
        messages: [{ role: 'user', content: [{ image: 'file:///etc/passwd' }, { text: 'edit' }] }],
      },
      parameters: { size: '2K', n: 1 },
    },
    path: 'input.messages[0].content[0].image',
  },
  {
    name: '4K with input images',
    body: { ...readVector('image-editing'), parameters: { size: '4K', n: 1 } },
    path: 'parameters.size',
  },
  { name: 'no model', body: { input: interactive.input }, path: 'model' },
] as const;

describe.each(transports)('validation before the network over %s', (transport) => {
  it.each(invalid)(
    '$name is rejected with its path and nothing is sent',
    async ({ body, path }) => {
      const client = clientFor(transport, { baseURL: gateway().url });
      const error = await rejectionOf(client.generateImages(body as never));
      expect(TokenHubValidationError.isInstance(error)).toBe(true);
      const issues = (error as TokenHubValidationError).issues;
      expect(issues.map((issue) => issue.path)).toContain(path);
      expect((error as Error).message).toContain(path);
      expect(gateway().requests).toHaveLength(0);
    },
  );

  it('rejects an invalid builder the same way', async () => {
    // @ts-expect-error n 9 is over the model's maximum: a type error, and rejected at run time
    const builder = imageRequest('wan2.7-image-pro').text('x').n(9);
    const error = await rejectionOf(
      clientFor(transport, { baseURL: gateway().url }).generateImages(builder),
    );
    expect(TokenHubValidationError.isInstance(error)).toBe(true);
    expect(gateway().requests).toHaveLength(0);
  });

  it('sends a request that only has warnings', async () => {
    const body = {
      ...readVector('text-to-image'),
      parameters: { size: '2K', n: 1, negative_prompt: 'blurry' },
    };
    const result = await clientFor(transport, { baseURL: gateway().url }).generateImages(body);
    expect(result.images).toHaveLength(1);
    expect(gateway().requests).toHaveLength(1);
  });
});
