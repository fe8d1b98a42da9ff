/**
 * A proxy with its defaults in its own process, for the HTTPS test: the upstream's certificate is
 * trusted only through NODE_EXTRA_CA_CERTS, which Node reads at start-up. Prints `{"port": N}` on
 * stdout once it listens. Env: UPSTREAM_URL, TOKENHUB_API_KEY.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyHandler, toNodeHandler } from '@tokenhub/image-core/server';

const handler = createProxyHandler({
  apiKey: process.env.TOKENHUB_API_KEY ?? '',
  baseURL: process.env.UPSTREAM_URL ?? '',
});
const server = createServer(toNodeHandler(handler));
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
