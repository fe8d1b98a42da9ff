import { createProxyHandler, toNodeHandler } from '@tokenhub/image-core/server';
import { type MockGateway, startMockGateway } from '@tokenhub/mock-gateway';
import type { Plugin } from 'vitest/config';
import { PROXY_PREFIX } from './proxy-prefix.js';

/**
 * Serves the real proxy from the test page's origin (like the Vite plugin does for an app), in front
 * of its own mock gateway whose links die after `imageTtlMs`, with `rewriteImageURLs`: the page sees
 * same-origin image URLs only.
 */
export function sameOriginProxy(imageTtlMs: number): Plugin {
  let gateway: MockGateway | undefined;
  return {
    name: 'tokenhub-test-same-origin-proxy',
    async configureServer(server) {
      gateway = await startMockGateway({ host: '127.0.0.1', imageTtlMs });
      const handler = toNodeHandler(
        createProxyHandler({
          apiKey: 'test-key',
          baseURL: (gateway as MockGateway).url,
          prefix: PROXY_PREFIX,
          rewriteImageURLs: true,
        }),
      );
      server.middlewares.use((request, response, next) => {
        if (request.url?.startsWith(`${PROXY_PREFIX}/`)) handler(request, response, next);
        else next();
      });
    },
    // The run ends: stop the gateway so the process can exit.
    configureVitest({ vitest }) {
      vitest.onClose(async () => {
        await gateway?.close();
        gateway = undefined;
      });
    },
  };
}
