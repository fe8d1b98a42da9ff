import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, readVector, textToImage, useMockGateway } from '../helpers.js';
import { type ListeningProxy, listenProxy, postJSON } from './listen.js';

const mock = useMockGateway();
let proxy: ListeningProxy;

beforeAll(async () => {
  proxy = await listenProxy({ apiKey: API_KEY, baseURL: mock().url });
});
afterAll(async () => {
  await proxy.close();
});

describe('response headers the proxy passes back', () => {
  it("passes the mock's x-mock-assumed-input-size for input images it did not fetch", async () => {
    // The guide's example links two images on an outside host, which the mock never fetches.
    const response = await postJSON(proxy.endpoint, readVector('interactive-editing'));
    expect(response.status).toBe(200);
    expect(response.headers['x-mock-assumed-input-size']).toBe('1024x1024; images=1,2');
  });

  it('sends no x-mock-assumed-input-size when the mock knew every input size', async () => {
    const response = await postJSON(proxy.endpoint, textToImage());
    expect(response.status).toBe(200);
    expect(response.headers['x-mock-assumed-input-size']).toBeUndefined();
  });
});
