import type { ImageRequestBuilder } from '@tokenhub/image-core';
import {
  estimateProgress,
  indexedDBImageCache,
  localStorageAdapter,
  TokenHubProvider,
  useImageGeneration,
} from '@tokenhub/image-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Banner } from './components/Banner';
import { HistoryPanel } from './components/HistoryPanel';
import { ResultsCard, type RunRecord } from './components/ResultsCard';
import { ScenarioForm } from './components/ScenarioForm';
import { panelId, ScenarioTabs, tabId } from './components/ScenarioTabs';
import { type FormState, initialForm } from './form/form-state';
import { useMediaQuery } from './hooks/use-media-query';
import { useUpstreamStatus } from './hooks/use-upstream-status';
import { loadReferenceImage } from './images/image-load';
import { imageSourceFromURL } from './images/read-image-file';
import { fetchNotingAssumedSizes } from './results/note-assumed-sizes';
import { type ScenarioId, sampleImages, scenarios } from './scenarios';

/** The same-origin proxy the Vite plugin serves; the browser never holds a key. */
const PROXY_PATH = '/api/tokenhub';
const MAX_RETRIES = 2;
const storage = localStorageAdapter({ key: 'tokenhub-demo-history' });
/** The bytes of history images, so they still show after their links expire (IndexedDB). */
const imageCache = indexedDBImageCache();
/** The time-based progress estimate behind the progress bar (the gateway reports none). */
const progress = estimateProgress();
/** The two-column layout (styles.css uses the same width); below it the results follow the form. */
const WIDE_LAYOUT = '(min-width: 960px)';
/** The mock gateway's size guesses, by request id (filled by the client's fetch). */
const assumedSizes = new Map<string, string>();
const fetchWithNotes = fetchNotingAssumedSizes(assumedSizes);

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
    <TokenHubProvider baseURL={PROXY_PATH} fetch={fetchWithNotes}>
      <Demo />
    </TokenHubProvider>
  );
}

function Demo() {
  const upstream = useUpstreamStatus(PROXY_PATH);
  const [active, setActive] = useState<ScenarioId>('text');
  const [forms, setForms] = useState<Forms>(initialForms);
  const [cancelled, setCancelled] = useState(false);
  // The tab that started the latest run: its status shows there and nowhere else.
  const [runTab, setRunTab] = useState<ScenarioId | undefined>();
  const [run, setRun] = useState<RunRecord | undefined>();
  // The record of the state a Cancel brings back (the store restores the last settled state).
  const settledRun = useRef<RunRecord | undefined>(undefined);
  const generation = useImageGeneration({
    storage,
    imageCache,
    progress,
    maxRetries: MAX_RETRIES,
  });
  const wide = useMediaQuery(WIDE_LAYOUT);

  const updateForm = useCallback((id: ScenarioId, update: (form: FormState) => FormState) => {
    setForms((current) => ({ ...current, [id]: update(current[id]) }));
  }, []);

  // The editing tabs open with the sample images (same-origin, sent as data URIs), so they work at once.
  useEffect(() => {
    let live = true;
    Promise.all(
      sampleImages.map(async (sample) =>
        loadReferenceImage(sample.name, await imageSourceFromURL(sample.url, window.location.href)),
      ),
    )
      .then((images) => {
        if (!live) return;
        setForms((current) => {
          const next = { ...current };
          for (const scenario of scenarios) {
            if (!scenario.images || current[scenario.id].images.length > 0) continue;
            // Each tab gets its own copies (ids stay unique per list item).
            next[scenario.id] = {
              ...current[scenario.id],
              images: images.map((image) => ({ ...image, id: `${scenario.id}-${image.id}` })),
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

  const onGenerate = (id: ScenarioId, builder: ImageRequestBuilder) => {
    const scenario = scenarios.find((item) => item.id === id);
    setCancelled(false);
    setRunTab(id);
    // A run still pending is superseded: what a Cancel restores stays the one before it.
    if (!generation.isPending) settledRun.current = run;
    setRun({
      tabLabel: scenario?.label ?? id,
      prompt: promptOf(builder),
      images: scenario?.images
        ? forms[id].images.map((image) => ({
            name: image.name,
            size:
              image.load.state === 'loaded'
                ? { width: image.load.width, height: image.load.height }
                : undefined,
          }))
        : [],
    });
    generation.generate(builder);
  };
  const runLabel = scenarios.find((scenario) => scenario.id === runTab)?.label;
  // A run resumed after a reload started in a tab this page does not know: show it in the open one.
  const ownerTab = runTab ?? (generation.resumed ? active : undefined);
  const results = <ResultsCard generation={generation} run={run} assumedSizes={assumedSizes} />;
  const onCancel = () => {
    generation.stop();
    setRun(settledRun.current);
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
                onGenerate={(builder) => onGenerate(scenario.id, builder)}
                onCancel={onCancel}
                cancelled={cancelled}
                maxRetries={MAX_RETRIES}
                ownsRun={ownerTab === scenario.id}
                runningIn={ownerTab !== scenario.id ? runLabel : undefined}
                // On a narrow screen the outcome follows the form, where the person pressed Generate.
                afterForm={!wide && scenario.id === active ? results : undefined}
              />
            </div>
          ))}
        </div>
        <aside className="side-column" aria-label={wide ? 'Results and history' : 'History'}>
          {wide && results}
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
