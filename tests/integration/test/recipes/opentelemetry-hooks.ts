import { type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import type { TokenHubClientObservers } from '@tokenhub/image-core';

/**
 * Client hooks that record one CLIENT span per HTTP attempt, named and attributed after the
 * OpenTelemetry GenAI semantic conventions. Pass them to `createTokenHubClient`; with a context
 * manager registered, spans become children of the span active when `generateImages` is called.
 */
export function openTelemetryHooks(
  tracer: Tracer = trace.getTracer('@tokenhub/image-core'),
): Pick<TokenHubClientObservers, 'onRequest' | 'onResponse'> {
  const spans = new Map<string, Span>();
  return {
    onRequest(event) {
      const { model, parameters = {} } = event.request;
      const span = tracer.startSpan(`generate_content ${model}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          'gen_ai.operation.name': 'generate_content',
          'gen_ai.provider.name': 'tokenhub',
          'gen_ai.output.type': 'image',
          'gen_ai.request.model': model,
          'http.request.method': event.method,
          'url.full': event.url,
          // Retries: the HTTP convention's resend count (0 on the first attempt).
          'http.request.resend_count': event.attempt - 1,
        },
      });
      if (typeof parameters.n === 'number')
        span.setAttribute('gen_ai.request.choice.count', parameters.n);
      // No standard attribute holds an image size yet: a gen_ai.request.* name of our own.
      if (typeof parameters.size === 'string')
        span.setAttribute('gen_ai.request.image.size', parameters.size);
      spans.set(`${event.callId}/${event.attempt}`, span);
    },
    onResponse(event) {
      const key = `${event.callId}/${event.attempt}`;
      const span = spans.get(key);
      if (!span) return;
      spans.delete(key);
      if (event.status !== undefined) span.setAttribute('http.response.status_code', event.status);
      if (event.requestId) span.setAttribute('gen_ai.response.id', event.requestId);
      if (event.imageCount !== undefined)
        span.setAttribute('gen_ai.response.image.count', event.imageCount);
      if (event.error !== undefined) {
        const error = event.error instanceof Error ? event.error : new Error(String(event.error));
        span.setAttribute(
          'error.type',
          event.status === undefined ? error.name : String(event.status),
        );
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
      }
      span.end();
    },
  };
}
