/**
 * The Vite plugin: mounts the TokenHub proxy on `vite dev` and `vite preview`, falling back to an
 * in-process mock gateway when no key is set. The key stays in the Vite (Node) process.
 */

import {
  type AuthorizeFunction,
  createProxyHandler,
  type GenerationLedger,
  type ProxyHandler,
  toNodeHandler,
} from '@tokenhub/image-core/server';
import {
  type MockGateway,
  type MockGatewayOptions,
  startMockGateway,
} from '@tokenhub/mock-gateway';
import { type Connect, loadEnv, type Plugin, type ResolvedConfig } from 'vite';
import { handleDevEndpoint } from './dev-endpoints.js';
import { exposedSecretNames, filesContaining, publishedSecretVariables } from './key-guard.js';
import { readOutputFiles } from './output-files.js';
import {
  chooseUpstream,
  describeUpstream,
  type MockMode,
  type UpstreamChoice,
} from './upstream.js';

/** Options of {@link tokenhub}. */
export interface TokenHubPluginOptions {
  /** Path the proxy serves; the app calls `POST {prefix}/v1/images/generations`. Default `/api/tokenhub`. */
  prefix?: string;
  /**
   * The TokenHub key. Default `TOKENHUB_API_KEY` from the environment or a `.env` file, read in the
   * Vite process only. Never name it `VITE_...`: Vite would publish it to the browser.
   */
  apiKey?: string;
  /** Gateway origin. Default `TOKENHUB_BASE_URL`, else `https://tokenhub.link`. */
  baseURL?: string;
  /** `'auto'` (default): the mock gateway when no key is set; `true`: always; `false`: never. */
  mock?: MockMode;
  /** Options of the in-process mock gateway (latency, image lifetime, ...). Port is always free, host loopback. */
  mockOptions?: Omit<MockGatewayOptions, 'port' | 'host'>;
  /**
   * Image links in answers point at the proxy (`{prefix}/v1/images/files/{key}/{index}`), so
   * images load from the page's own origin (also from another device with `vite --host`) and the
   * page can keep their bytes. Default `true`; see `rewriteImageURLs` of `createProxyHandler`.
   */
  rewriteImageURLs?: boolean;
  /** Where the proxy records generations. Default `memoryLedger()` (this Vite process). */
  ledger?: GenerationLedger;
  /** Caller check of the proxy, e.g. your dev sign-in. */
  authorize?: AuthorizeFunction;
  /** Largest request body in bytes. Default 30 MiB. */
  maxBodyBytes?: number;
  /** Upstream timeout in ms. Default 300000. */
  timeoutMs?: number;
  /** Where the start-up line goes. Default Vite's logger. */
  log?: (line: string) => void;
}

interface Mounted {
  middleware: Connect.NextHandleFunction;
  line: string;
  /** Stops the mock gateway (if any) and closes the upstream connections. */
  stop: () => Promise<void>;
}

/** A whole number of milliseconds from an environment variable, or `undefined`. */
function envMs(env: Record<string, string | undefined>, name: string): number | undefined {
  const value = env[name]?.trim();
  if (!value) return undefined;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 0) {
    throw new Error(
      `[tokenhub] ${name} must be a whole number of milliseconds; got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

/**
 * Mock options from `TOKENHUB_MOCK_LATENCY_MS` (how long each generation takes) and
 * `TOKENHUB_MOCK_IMAGE_TTL_MS` (how long its image links live), so a reload mid-generation and
 * links expiring can be watched without code changes. `mockOptions` wins over them.
 */
export function mockOptionsFromEnv(
  env: Record<string, string | undefined>,
): Pick<MockGatewayOptions, 'latencyMs' | 'imageTtlMs'> {
  const latencyMs = envMs(env, 'TOKENHUB_MOCK_LATENCY_MS');
  const imageTtlMs = envMs(env, 'TOKENHUB_MOCK_IMAGE_TTL_MS');
  return {
    ...(latencyMs === undefined ? {} : { latencyMs }),
    ...(imageTtlMs === undefined ? {} : { imageTtlMs }),
  };
}

function unavailableHandler(prefix: string): ProxyHandler {
  return async () =>
    new Response(
      JSON.stringify({
        code: 'MissingApiKey',
        message: `set TOKENHUB_API_KEY in the environment of the Vite process (or enable mock) to use ${prefix}`,
        request_id: '',
      }),
      { status: 503, headers: { 'content-type': 'application/json; charset=utf-8' } },
    );
}

/**
 * Creates the plugin. Besides `POST {prefix}/v1/images/generations` it answers
 * `GET {prefix}/__status` with `{ upstream: 'mock' | 'tokenhub' | 'missing-key', baseURL? }` (for a
 * "mock or real" banner; never the key) and, with the mock gateway, forwards `{prefix}/__mock/*` to its
 * control endpoints (`requests`, `faults`, `latency`, `reset`) for end-to-end tests.
 *
 * @example
 * ```ts
 * // vite.config.ts
 * import { tokenhub } from '@tokenhub/vite-plugin';
 * export default defineConfig({ plugins: [tokenhub()] });
 * // the app: createTokenHubClient({ baseURL: '/api/tokenhub' }) (no key in the browser)
 * ```
 */
export function tokenhub(options: TokenHubPluginOptions = {}): Plugin {
  const prefix = (options.prefix ?? '/api/tokenhub').replace(/\/+$/, '');
  let config: ResolvedConfig | undefined;
  let env: Record<string, string> = {};
  const mocks = new Set<MockGateway>();

  const configuredKey = (): string | undefined =>
    options.apiKey ?? env.TOKENHUB_API_KEY ?? process.env.TOKENHUB_API_KEY;
  const resolveChoice = (): UpstreamChoice =>
    chooseUpstream({
      apiKey: configuredKey(),
      baseURL: options.baseURL ?? env.TOKENHUB_BASE_URL ?? process.env.TOKENHUB_BASE_URL,
      mock: options.mock ?? 'auto',
    });

  const stopMock = async (mock: MockGateway | undefined): Promise<void> => {
    if (!mock || !mocks.delete(mock)) return;
    await mock.close();
  };
  const mount = async (): Promise<Mounted> => {
    const choice = resolveChoice();
    // The proxy's default upstream transport on Node (node:http with keep-alive) is its fastest.
    const shared = {
      prefix,
      rewriteImageURLs: options.rewriteImageURLs ?? true,
      ...(options.ledger ? { ledger: options.ledger } : {}),
      ...(options.authorize ? { authorize: options.authorize } : {}),
      ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    };
    let handler: ProxyHandler;
    let mock: MockGateway | undefined;
    if (choice.kind === 'mock') {
      // The mock gets its own random key, so even the local hop carries a credential it checks.
      const mockKey = `mock-${globalThis.crypto.randomUUID()}`;
      mock = await startMockGateway({
        ...mockOptionsFromEnv({ ...process.env, ...env }),
        ...options.mockOptions,
        port: 0,
        host: '127.0.0.1',
        apiKey: mockKey,
      });
      mocks.add(mock);
      handler = createProxyHandler({ ...shared, apiKey: mockKey, baseURL: mock.url });
    } else if (choice.kind === 'tokenhub') {
      handler = createProxyHandler({ ...shared, apiKey: choice.apiKey, baseURL: choice.baseURL });
    } else {
      handler = unavailableHandler(prefix);
    }
    const node = toNodeHandler(handler);
    const endpoints = { prefix, choice, mockURL: mock?.url };
    return {
      middleware: (req, res, next) => {
        void handleDevEndpoint(req, res, endpoints).then(
          (handled) => (handled ? undefined : node(req, res, next)),
          next,
        );
      },
      line: describeUpstream(prefix, choice, mock?.url),
      stop: async () => {
        await stopMock(mock);
      },
    };
  };

  const print = (line: string) =>
    (options.log ?? ((text: string) => config?.logger.info(text)))(line);

  return {
    name: 'tokenhub',

    configResolved(resolved) {
      config = resolved;
      // Only TOKENHUB_* variables, read into this closure: they never enter `import.meta.env`.
      env = loadEnv(resolved.mode, resolved.envDir || resolved.root, 'TOKENHUB_');
      const exposed = exposedSecretNames(resolved.envPrefix);
      if (exposed.length > 0) {
        throw new Error(
          `[tokenhub] envPrefix ${JSON.stringify(resolved.envPrefix)} would publish ${exposed.join(', ')} to the browser through import.meta.env; remove that prefix`,
        );
      }
      // A VITE_ variable holding the key: Vite hands it to every page through import.meta.env.
      const published = publishedSecretVariables(resolved.env, configuredKey()?.trim());
      if (published.length > 0) {
        const message = `[tokenhub] ${published.join(', ')} would publish the TokenHub API key to the browser through import.meta.env; name it TOKENHUB_API_KEY (without the ${JSON.stringify(resolved.envPrefix)} prefix), the plugin reads it server side`;
        if (resolved.command === 'build') throw new Error(message);
        resolved.logger.warn(message);
      }
    },

    async configureServer(server) {
      const mounted = await mount();
      server.middlewares.use(prefix, mounted.middleware);
      print(mounted.line);
      server.httpServer?.once('close', () => void mounted.stop());
      const close = server.close.bind(server);
      server.close = async () => {
        await mounted.stop();
        await close();
      };
    },

    async configurePreviewServer(server) {
      const mounted = await mount();
      server.middlewares.use(prefix, mounted.middleware);
      print(mounted.line);
      server.httpServer.once('close', () => void mounted.stop());
      const close = server.close.bind(server);
      server.close = async () => {
        await mounted.stop();
        await close();
      };
    },

    generateBundle(_output, bundle) {
      // Last line of defence: a key inlined by a `define` or an import of a server file fails the build.
      // Checked whenever a key is configured, also with `mock: true`.
      const secret = configuredKey()?.trim();
      if (!secret) return;
      const files = Object.values(bundle).map((file) => ({
        fileName: file.fileName,
        content: file.type === 'chunk' ? file.code : file.source,
      }));
      const leaked = filesContaining(files, secret);
      if (leaked.length > 0) {
        this.error(
          `[tokenhub] the TokenHub API key would be shipped to the browser in ${leaked.join(', ')}; keep it out of client code and define`,
        );
      }
    },

    writeBundle: {
      // After every other plugin has written: the out dir then holds the copy of public/ and any
      // file a plugin wrote itself, none of which passes through generateBundle.
      order: 'post',
      sequential: true,
      async handler(output) {
        const secret = configuredKey()?.trim();
        if (!secret || !output.dir) return;
        const leaked = filesContaining(await readOutputFiles(output.dir), secret);
        if (leaked.length > 0) {
          this.error(
            `[tokenhub] the TokenHub API key is in ${leaked.join(', ')} of the build output (${output.dir}); do not deploy it: remove the key from those files (public/ is copied as it is) and build again`,
          );
        }
      },
    },
  };
}
