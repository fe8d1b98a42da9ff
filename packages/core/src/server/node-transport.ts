/**
 * The proxy's default upstream transport on Node: node:http(s) with keep-alive agents. Node's
 * global `fetch` builds WHATWG streams, a `Request` and a `Response` for every call, which cost the
 * proxy more CPU than everything else it does; a plain `http.request` costs what undici's
 * `request` costs. The modules are looked up with `process.getBuiltinModule` at run time, so this
 * entry imports no Node built-in and still bundles for workerd, Deno and browsers.
 */
import type { FetchResponse } from '../client/fetch-types.js';
import { type HeaderRecord, headerRecordReader } from '../shared/header-record.js';
import type { UpstreamSend } from './upstream.js';

// The slice of node:http and node:https used here, written out so the types need no @types/node.
interface IncomingResponse {
  statusCode?: number | undefined;
  headers: HeaderRecord;
  setEncoding(encoding: 'utf8'): unknown;
  on(event: 'data', listener: (chunk: string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error' | 'aborted', listener: (error?: unknown) => void): unknown;
  destroy(): unknown;
}
interface OutgoingRequest {
  on(event: 'error', listener: (error: unknown) => void): unknown;
  end(body?: string): unknown;
  destroy(error: unknown): unknown;
}
/** Where a call goes, as node:http takes it. */
interface Destination {
  protocol: string;
  hostname: string;
  port: string;
  path: string;
}
interface HttpModule {
  Agent: new (options: { keepAlive: boolean; timeout: number; scheduling: 'lifo' }) => object;
  request(
    options: Destination & {
      method: string;
      headers: Record<string, string>;
      agent: object;
    },
    onResponse: (response: IncomingResponse) => void,
  ): OutgoingRequest;
}
interface NodeProcess {
  versions?: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
}

/** node:http and node:https on Node itself (Bun and Deno keep their own `fetch`), else undefined. */
function nodeHttpModules(): { http: HttpModule; https: HttpModule } | undefined {
  const runtime = (globalThis as { process?: NodeProcess }).process;
  const versions = runtime?.versions;
  if (!versions?.node || versions.bun || versions.deno || !runtime?.getBuiltinModule)
    return undefined;
  try {
    const http = runtime.getBuiltinModule('node:http') as HttpModule | undefined;
    const https = runtime.getBuiltinModule('node:https') as HttpModule | undefined;
    return http?.request && https?.request ? { http, https } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the whole body as UTF-8 text; rejects when the connection breaks first or the text grows
 * past `maxLength` UTF-16 units (then the connection is closed: nobody will read the rest).
 */
function readText(response: IncomingResponse, maxLength: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    response.setEncoding('utf8');
    response.on('data', (chunk) => {
      text += chunk;
      if (text.length > maxLength) {
        response.destroy();
        reject(new Error(`the upstream answer is over ${maxLength} characters`));
      }
    });
    response.on('end', () => resolve(text));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('the upstream closed the connection mid-body')));
  });
}

/**
 * The transport for `createProxyHandler` when no `fetch` is given, on Node; `undefined` elsewhere.
 * Like the proxy's use of `fetch`: redirects are never followed (node:http does not follow them),
 * and `init.abort` aborts the call. The body is read as it arrives, up to `maxBodyLength`
 * characters (beyond it `text()` rejects).
 */
export function nodeHttpTransport(maxBodyLength: number): UpstreamSend | undefined {
  const modules = nodeHttpModules();
  if (!modules) return undefined;
  // As node:http's global agent: an idle connection is closed after 5 s, or 1 s before the time the
  // upstream announces in `Keep-Alive: timeout=N` (the agent reads that hint only when it has a
  // timeout of its own). Otherwise a call can go out on a connection the upstream is closing, and
  // fail with ECONNRESET. The timeout does not limit a call in progress: that is `timeoutMs`.
  const agentOptions = { keepAlive: true, timeout: 5000, scheduling: 'lifo' } as const;
  const agents = {
    'http:': new modules.http.Agent(agentOptions),
    'https:': new modules.https.Agent(agentOptions),
  };
  // The proxy calls one URL: parse it once.
  let lastURL = '';
  let destination: Destination = { protocol: '', hostname: '', port: '', path: '' };
  return (url, init) =>
    new Promise<FetchResponse>((resolve, reject) => {
      if (url !== lastURL) {
        const parsed = new URL(url);
        destination = {
          protocol: parsed.protocol,
          // node:http wants an IPv6 host without its brackets.
          hostname: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: parsed.port,
          path: `${parsed.pathname}${parsed.search}`,
        };
        lastURL = url;
      }
      const { abort } = init;
      if (abort.aborted) {
        reject(abort.reason);
        return;
      }
      const secure = destination.protocol === 'https:';
      const request = (secure ? modules.https : modules.http).request(
        {
          ...destination,
          method: init.method,
          headers: init.headers,
          agent: secure ? agents['https:'] : agents['http:'],
        },
        (response) => {
          const body = readText(response, maxBodyLength);
          // A caller that never reads the body must not see an unhandled rejection.
          body.catch(() => undefined).finally(() => abort.stopListening());
          resolve({
            status: response.statusCode ?? 0,
            headers: headerRecordReader(response.headers),
            text: () => body,
          });
        },
      );
      // An abort ends the call wherever it is (connecting, waiting, reading the body).
      abort.listen((reason) => request.destroy(reason));
      request.on('error', (error) => {
        abort.stopListening();
        reject(error);
      });
      request.end(init.body);
    });
}
