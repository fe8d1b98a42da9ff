'use client';

import { useActionState } from 'react';
import { generateOnServer, type ServerGenerationState } from './actions';
import { Results } from './results';

const idle: ServerGenerationState = { status: 'idle' };

/** A form whose action generates on the server (works before hydration too). */
export function ServerGenerate() {
  const [state, action, isPending] = useActionState(generateOnServer, idle);
  return (
    <section aria-labelledby="server-action">
      <h2 id="server-action">On the server (a server action with the Node client)</h2>
      <form action={action}>
        <label>
          Prompt
          <input type="text" name="prompt" defaultValue="A lighthouse at dusk, oil painting" />
        </label>
        <button type="submit" disabled={isPending}>
          Generate on the server
        </button>
      </form>
      <Results
        label="Server action results"
        urls={state.status === 'done' ? state.urls : []}
        error={state.status === 'error' ? state.message : undefined}
      />
    </section>
  );
}
