import { describe, expect, it } from 'vitest';
import { mockOptionsFromEnv } from '../src/plugin.js';

describe('the embedded mock from the environment', () => {
  it('reads TOKENHUB_MOCK_LATENCY_MS and TOKENHUB_MOCK_IMAGE_TTL_MS', () => {
    expect(
      mockOptionsFromEnv({
        TOKENHUB_MOCK_LATENCY_MS: '4000',
        TOKENHUB_MOCK_IMAGE_TTL_MS: ' 5000 ',
      }),
    ).toEqual({ latencyMs: 4000, imageTtlMs: 5000 });
    expect(mockOptionsFromEnv({ TOKENHUB_MOCK_LATENCY_MS: '' })).toEqual({});
    expect(mockOptionsFromEnv({})).toEqual({});
  });

  it('names the variable and the rule when a value is not whole milliseconds', () => {
    expect(() => mockOptionsFromEnv({ TOKENHUB_MOCK_LATENCY_MS: '2s' })).toThrow(
      '[tokenhub] TOKENHUB_MOCK_LATENCY_MS must be a whole number of milliseconds; got "2s"',
    );
    expect(() => mockOptionsFromEnv({ TOKENHUB_MOCK_IMAGE_TTL_MS: '-1' })).toThrow(
      /TOKENHUB_MOCK_IMAGE_TTL_MS/,
    );
  });
});
