import { type ImageRequestBuilder, toCurl } from '@tokenhub/image-core';
import { CopyButton } from './CopyButton';

function CodeBlock({
  id,
  label,
  text,
  testId,
}: {
  id: string;
  label: string;
  text: string;
  testId: string;
}) {
  return (
    <div className="preview-block">
      <div className="preview-head">
        <label htmlFor={id}>{label}</label>
        <CopyButton text={text} label={`Copy ${label}`} />
      </div>
      {/* A read-only text area: scrollable, focusable and selectable by keyboard. */}
      <textarea
        id={id}
        className="code"
        readOnly
        spellCheck={false}
        rows={Math.min(14, text.split('\n').length + 1)}
        value={text}
        data-testid={testId}
      />
    </div>
  );
}

/** The exact JSON body and the equivalent curl command (key as `$TOKENHUB_API_KEY`), live. */
export function RequestPreview({
  idPrefix,
  builder,
}: {
  idPrefix: string;
  builder: ImageRequestBuilder;
}) {
  const json = JSON.stringify(builder.toBody(), null, 2);
  const curl = toCurl(builder);
  return (
    <section className="preview" aria-labelledby={`${idPrefix}-preview-title`}>
      <h3 id={`${idPrefix}-preview-title`}>Request preview</h3>
      <CodeBlock id={`${idPrefix}-json`} label="JSON body" text={json} testId="request-json" />
      <CodeBlock id={`${idPrefix}-curl`} label="curl" text={curl} testId="request-curl" />
    </section>
  );
}
