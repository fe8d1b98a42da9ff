/**
 * What workerd serves in the smoke test: the docs' Workers snippet unchanged, plus one test-only
 * path that runs the fetch client inside workerd against that same proxy.
 */
import { generateThroughProxy } from '../client/generate.ts';
import proxyWorker from '../snippets/worker.ts';

type Env = Parameters<typeof proxyWorker.fetch>[1];

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === '/__smoke/client') {
      return Response.json(await generateThroughProxy(`${url.origin}/api/tokenhub`));
    }
    return proxyWorker.fetch(request, env);
  },
};
