/** The proxy's reading of a request body: JSON only, capped, and validated before any spending. */
import type { ValidationIssue } from '../validation/issue.js';
import type { ModelRegistry } from '../validation/registry.js';
import { validateImageRequest } from '../validation/validate.js';
import type { JSONAnswer } from './answer.js';
import { errorAnswer } from './error-response.js';
import type { IncomingCall } from './incoming.js';

// One decoder for every call (it keeps no state between `decode` calls without `stream`).
const utf8 = new TextDecoder();

/** How bodies are checked. */
export interface BodyRules {
  /** Largest accepted body in bytes (413 above). */
  maxBodyBytes: number;
  /** Validate with the core before forwarding (400 on errors). */
  validate: boolean;
  /** Model rules for validation; the built-in registry when undefined. */
  registry: ModelRegistry | undefined;
}

function isJSONContentType(value: string | null): boolean {
  if (value === 'application/json') return true;
  const type = (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || type.endsWith('+json');
}

function summarizeIssues(issues: ValidationIssue[]): string {
  const lines = issues.map((issue) => `${issue.path}: ${issue.message}`);
  return `invalid image request: ${lines.join('; ')}`;
}

/**
 * The body's text, ready to forward, or the answer to send instead: 415 (not JSON), 413 (over
 * `maxBodyBytes`), 400 (unreadable, not valid JSON, or breaking a model rule, with the issues).
 */
export async function readRequestBody(
  call: IncomingCall,
  rules: BodyRules,
): Promise<{ text: string } | JSONAnswer> {
  if (!isJSONContentType(call.headers.get('content-type'))) {
    return errorAnswer(
      415,
      'InvalidParameter',
      'the body must be JSON (Content-Type: application/json)',
    );
  }
  const read = await call.readBody(rules.maxBodyBytes).catch(() => undefined);
  if (!read) {
    // The caller went away or the stream broke mid-body: nothing to forward.
    return errorAnswer(400, 'InvalidParameter', 'the request body could not be read');
  }
  if (!read.ok) {
    return errorAnswer(
      413,
      'RequestTooLarge',
      `the request body is over the ${rules.maxBodyBytes}-byte limit; send large images as URLs instead of data URIs`,
    );
  }
  const text = utf8.decode(read.bytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorAnswer(400, 'InvalidParameter', 'the request body is not valid JSON');
  }
  if (rules.validate) {
    const result = validateImageRequest(body, rules.registry ? { registry: rules.registry } : {});
    if (!result.ok) {
      return errorAnswer(400, 'InvalidParameter', summarizeIssues(result.errors), {
        extra: { errors: result.errors, warnings: result.warnings },
      });
    }
  }
  return { text };
}
