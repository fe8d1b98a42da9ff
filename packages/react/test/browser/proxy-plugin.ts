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
  // One per dev server the plugin serves (vitest may create more than one).
  const gateways: MockGateway[] = [];
  return {
    name: 'tokenhub-test-same-origin-proxy',
    async configureServer(server) {
      const gateway = await startMockGateway({ host: '127.0.0.1', imageTtlMs });
      gateways.push(gateway);
      const handler = toNodeHandler(
        createProxyHandler({
          apiKey: 'test-key',
          baseURL: gateway.url,
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
        await Promise.all(gateways.splice(0).map((gateway) => gateway.close()));
      });
    },
  };
}
