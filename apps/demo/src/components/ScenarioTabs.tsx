import { type KeyboardEvent, useRef } from 'react';
import type { Scenario, ScenarioId } from '../scenarios';

/** The id of a scenario's tab and panel. */
export const tabId = (id: ScenarioId) => `tab-${id}`;
export const panelId = (id: ScenarioId) => `panel-${id}`;

/** ARIA tabs: arrow keys, Home and End move between them (roving tabindex), activation follows focus. */
export function ScenarioTabs({
  scenarios,
  active,
  onSelect,
}: {
  scenarios: readonly Scenario[];
  active: ScenarioId;
  onSelect: (id: ScenarioId) => void;
}) {
  const refs = useRef(new Map<ScenarioId, HTMLButtonElement>());
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = scenarios.findIndex((scenario) => scenario.id === active);
    const last = scenarios.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % scenarios.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + scenarios.length) % scenarios.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const target = scenarios[next];
    if (!target) return;
    onSelect(target.id);
    refs.current.get(target.id)?.focus();
  };
  return (
    <div role="tablist" aria-label="Scenarios" className="tabs" onKeyDown={onKeyDown}>
      {scenarios.map((scenario) => {
        const selected = scenario.id === active;
        return (
          <button
            key={scenario.id}
            ref={(element) => {
              if (element) refs.current.set(scenario.id, element);
              else refs.current.delete(scenario.id);
            }}
            type="button"
            role="tab"
            id={tabId(scenario.id)}
            aria-selected={selected}
            aria-controls={panelId(scenario.id)}
            tabIndex={selected ? 0 : -1}
            className="tab"
            onClick={() => onSelect(scenario.id)}
          >
            {scenario.label}
          </button>
        );
      })}
    </div>
  );
}
