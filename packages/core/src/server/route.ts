/** Routing of the proxy: the one route it serves, and the answer for everything else. */
import { errorResponse } from './error-response.js';

/**
 * `undefined` when `request` is `POST {endpoint}` (trailing slashes ignored); otherwise the answer:
 * 404 for another path, 405 with `Allow: POST` for another method.
 */
export function routeRefusal(request: Request, endpoint: string): Response | undefined {
  const pathname = new URL(request.url, 'http://localhost').pathname.replace(/\/+$/, '');
  if (pathname !== endpoint) {
    return errorResponse(404, 'NotFound', `no such endpoint; POST ${endpoint}`);
  }
  if (request.method !== 'POST') {
    return errorResponse(405, 'MethodNotAllowed', `use POST for ${endpoint}`, {
      headers: { allow: 'POST' },
    });
  }
  return undefined;
}
