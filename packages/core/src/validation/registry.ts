import { builtinModelRules } from './builtin-rules.js';
import type { ModelRules } from './model-rules.js';

/** A lookup of model rules by name. Later registrations override earlier ones. */
export interface ModelRegistry {
  /** The rules for `model` (bare or `provider/model`, dated snapshots included), or undefined. */
  resolve(model: string): ModelRules | undefined;
  /** Adds or replaces rules in this registry and returns it. */
  register(...rules: ModelRules[]): ModelRegistry;
  /** A new registry with this one's rules plus `rules` (which win); this one is unchanged. */
  extend(...rules: ModelRules[]): ModelRegistry;
  /** Every registered rule set, in registration order (overridden ones replaced in place). */
  list(): ModelRules[];
}

/** `alibaba/wan2.7-image-pro` -> `wan2.7-image-pro`; names are matched case-insensitively. */
export function bareModelName(model: string): string {
  const slash = model.lastIndexOf('/');
  return (slash === -1 ? model : model.slice(slash + 1)).trim().toLowerCase();
}

// Dated or floating snapshots share the family's rules: qwen-image-edit-plus-2025-10-30, ...-latest.
const SNAPSHOT_SUFFIX = /-(\d{4}-\d{2}-\d{2}|\d{8}|latest)$/;

/** Creates a registry holding `rules` (the built-in table by default). */
export function createModelRegistry(
  rules: readonly ModelRules[] = builtinModelRules,
): ModelRegistry {
  const byName = new Map<string, ModelRules>();
  const order: string[] = [];

  const registry: ModelRegistry = {
    resolve(model) {
      const bare = bareModelName(model);
      return byName.get(bare) ?? byName.get(bare.replace(SNAPSHOT_SUFFIX, ''));
    },
    register(...added) {
      for (const rule of added) {
        const key = rule.model.toLowerCase();
        if (!byName.has(key) || !order.includes(key)) order.push(key);
        byName.set(key, rule);
        for (const alias of rule.aliases ?? []) byName.set(alias.toLowerCase(), rule);
      }
      return registry;
    },
    extend(...added) {
      return createModelRegistry(registry.list()).register(...added);
    },
    list() {
      return order
        .map((key) => byName.get(key))
        .filter((rule): rule is ModelRules => rule !== undefined);
    },
  };
  return registry.register(...rules);
}

/**
 * The registry used when none is passed. `defaultModelRegistry.register(defineModelRules({...}))`
 * teaches every builder and client of the app a new model.
 */
export const defaultModelRegistry: ModelRegistry = createModelRegistry();

/** Looks up the rules of `model` in `registry` (the default one unless given). */
export function resolveModelRules(
  model: string,
  registry: ModelRegistry = defaultModelRegistry,
): ModelRules | undefined {
  return registry.resolve(model);
}
