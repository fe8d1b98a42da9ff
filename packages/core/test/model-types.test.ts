import { describe, expect, it } from 'vitest';
import { resolveModelRules, validateImageRequest } from '../src/index.js';
import { BUILTIN_MODELS } from '../src/validation/builtin-models.js';

// The builder's types derive from BUILTIN_MODELS (model-types.test-d.ts checks them); this holds
// the runtime validation to the same table, so a rule changed in one place cannot drift.

const t2i = (model: string, parameters: Record<string, unknown>) => ({
  model,
  input: { messages: [{ role: 'user', content: [{ text: 'a fox' }] }] },
  parameters,
});
const rulesOf = (model: string, parameters: Record<string, unknown>) =>
  validateImageRequest(t2i(model, parameters)).errors.map((issue) => issue.rule);

describe.each(Object.entries(BUILTIN_MODELS))('%s', (model, facts) => {
  it('the registry holds the table facts', () => {
    const rules = resolveModelRules(model);
    expect(rules?.n.max).toBe(facts.n);
    expect(rules?.n.sequentialMax).toBe('sequentialN' in facts ? facts.sequentialN : undefined);
    expect(rules?.size?.tiers).toEqual('tiers' in facts ? facts.tiers : undefined);
  });

  it('validation accepts the tiers the types accept, and refuses the others', () => {
    if (!('tiers' in facts)) return; // no size: a warning at run time, any string in the types
    for (const tier of ['1K', '2K', '4K']) {
      const refused = rulesOf(model, { size: tier }).includes('size-tier');
      expect(refused, tier).toBe(!(facts.tiers as readonly string[]).includes(tier));
    }
    // The types accept W*H for every model with tiers: so does validation.
    expect(rulesOf(model, { size: '1280*1280' }).filter((rule) => rule.startsWith('size'))).toEqual(
      [],
    );
  });

  it('validation refuses n above the table maximum, per mode', () => {
    expect(rulesOf(model, { n: facts.n })).not.toContain('n-range');
    expect(rulesOf(model, { n: facts.n + 1 })).toContain('n-range');
    if ('sequentialN' in facts) {
      const sequential = { enable_sequential: true };
      expect(rulesOf(model, { ...sequential, n: facts.sequentialN })).not.toContain('n-range');
      expect(rulesOf(model, { ...sequential, n: facts.sequentialN + 1 })).toContain('n-range');
    }
  });
});
