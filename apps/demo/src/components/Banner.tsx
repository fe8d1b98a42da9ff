import type { UpstreamStatus } from '../hooks/use-upstream-status';

/** Says whether the mock gateway or the real TokenHub answers (never which key). */
export function Banner({ status }: { status: UpstreamStatus }) {
  switch (status.upstream) {
    case 'mock':
      return (
        <p className="banner banner-mock" data-upstream="mock">
          <strong>Mock gateway.</strong> No TOKENHUB_API_KEY is set, so images are drawn locally by
          the mock gateway: no network, nothing billed.
        </p>
      );
    case 'tokenhub':
      return (
        <p className="banner banner-real" data-upstream="tokenhub">
          <strong>Real TokenHub</strong> at {status.baseURL}. Requests are billed to the key of the
          server; the key never reaches this page.
        </p>
      );
    case 'missing-key':
      return (
        <p className="banner banner-error" data-upstream="missing-key">
          <strong>No gateway.</strong> Mock is off and TOKENHUB_API_KEY is not set: set it for the
          dev server.
        </p>
      );
    case 'unknown':
      return (
        <p className="banner banner-error" data-upstream="unknown">
          <strong>Gateway unknown.</strong> The same-origin proxy at /api/tokenhub did not answer;
          start the demo with <code>pnpm demo</code>.
        </p>
      );
    default:
      return (
        <p className="banner" data-upstream="loading">
          Checking the gateway…
        </p>
      );
  }
}
