/** The path the test page's own origin serves the proxy under, as in an app. */
export const PROXY_PREFIX = '/api/tokenhub';
