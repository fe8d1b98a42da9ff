import type { ImageRequestBuilder } from '@tokenhub/image-core';
import { localStorageAdapter, TokenHubProvider, useImageGeneration } from '@tokenhub/image-react';
import { useCallback, useEffect, useState } from 'react';
import { Banner } from './components/Banner';
import { ErrorPanel } from './components/ErrorPanel';
import { Gallery } from './components/Gallery';
import { HistoryPanel } from './components/HistoryPanel';
import { ResultWarnings } from './components/ResultWarnings';
import { ScenarioForm } from './components/ScenarioForm';
import { panelId, ScenarioTabs, tabId } from './components/ScenarioTabs';
import { type FormState, initialForm, referenceImage } from './form/form-state';
import { useUpstreamStatus } from './hooks/use-upstream-status';
import { imageSourceFromURL } from './images/read-image-file';
import { type ScenarioId, sampleImages, scenarios } from './scenarios';

/** The same-origin proxy the Vite plugin serves; the browser never holds a key. */
const PROXY_PATH = '/api/tokenhub';
const MAX_RETRIES = 2;
const storage = localStorageAdapter({ key: 'tokenhub-demo-history' });

type Forms = Record<ScenarioId, FormState>;

function initialForms(): Forms {
  return Object.fromEntries(
    scenarios.map((scenario) => [scenario.id, initialForm(scenario)]),
  ) as Forms;
}

function promptOf(builder: ImageRequestBuilder): string | undefined {
  for (const item of builder.toBody().input.messages[0]?.content ?? []) {
    if ('text' in item) return item.text;
  }
  return undefined;
}

/** The demo: four scenario tabs over one generation, with results and history beside them. */
export function App() {
  return (
    <TokenHubProvider baseURL={PROXY_PATH}>
      <Demo />
    </TokenHubProvider>
  );
}

function Demo() {
  const upstream = useUpstreamStatus(PROXY_PATH);
  const [active, setActive] = useState<ScenarioId>('text');
  const [forms, setForms] = useState<Forms>(initialForms);
  const [cancelled, setCancelled] = useState(false);
  const [prompt, setPrompt] = useState<string | undefined>();
  const generation = useImageGeneration({ storage, maxRetries: MAX_RETRIES });

  const updateForm = useCallback((id: ScenarioId, update: (form: FormState) => FormState) => {
    setForms((current) => ({ ...current, [id]: update(current[id]) }));
  }, []);

  // The editing tabs open with the sample images (same-origin, sent as data URIs), so they work at once.
  useEffect(() => {
    let live = true;
    Promise.all(sampleImages.map((sample) => imageSourceFromURL(sample.url, window.location.href)))
      .then((sources) => {
        if (!live) return;
        setForms((current) => {
          const next = { ...current };
          for (const scenario of scenarios) {
            if (!scenario.images || current[scenario.id].images.length > 0) continue;
            next[scenario.id] = {
              ...current[scenario.id],
              images: sampleImages.map((sample, index) =>
                referenceImage(sample.name, sources[index] ?? ''),
              ),
            };
          }
          return next;
        });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const onGenerate = (builder: ImageRequestBuilder) => {
    setCancelled(false);
    setPrompt(promptOf(builder));
    generation.generate(builder);
  };
  const onCancel = () => {
    generation.stop();
    setCancelled(true);
  };

  return (
    <>
      <header className="header">
        <div className="wrap">
          <h1>TokenHub image kit demo</h1>
          <Banner status={upstream} />
        </div>
      </header>
      <main className="wrap layout">
        <div className="main-column">
          <ScenarioTabs scenarios={scenarios} active={active} onSelect={setActive} />
          {scenarios.map((scenario) => (
            <div
              key={scenario.id}
              role="tabpanel"
              id={panelId(scenario.id)}
              aria-labelledby={tabId(scenario.id)}
              hidden={scenario.id !== active}
            >
              <ScenarioForm
                scenario={scenario}
                form={forms[scenario.id]}
                onChange={(update) => updateForm(scenario.id, update)}
                generation={generation}
                onGenerate={onGenerate}
                onCancel={onCancel}
                cancelled={cancelled}
                maxRetries={MAX_RETRIES}
              />
            </div>
          ))}
        </div>
        <aside className="side-column" aria-label="Results and history">
          <section className="card" aria-labelledby="results-title">
            <h2 id="results-title">Results</h2>
            {generation.isError && generation.error && <ErrorPanel error={generation.error} />}
            <ResultWarnings warnings={generation.warnings} />
            {generation.data ? (
              <Gallery result={generation.data} prompt={prompt} />
            ) : (
              !generation.isError && (
                <p className="muted">
                  {generation.isPending
                    ? 'Generating…'
                    : 'Nothing generated yet. Fill in a tab and press Generate.'}
                </p>
              )
            )}
          </section>
          <HistoryPanel history={generation.history} onClear={generation.clearHistory} />
        </aside>
      </main>
      <footer className="wrap footer small muted">
        The browser talks only to {PROXY_PATH} on this origin; the Vite plugin adds the key on the
        server.
      </footer>
    </>
  );
}
