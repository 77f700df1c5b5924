/** Whatever file a learner opens, HAR import either reads it or says why in a sentence: never a crash. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExchangeStore } from '../record/exchange-store';
import { importHar } from './har-import';

const entry = fc.record(
  {
    startedDateTime: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.string(),
    ),
    time: fc.oneof(fc.double(), fc.constant(-1)),
    request: fc.record(
      {
        method: fc.oneof(fc.constantFrom('GET', 'POST'), fc.anything()),
        url: fc.oneof(fc.webUrl(), fc.string(), fc.anything()),
        headers: fc.oneof(fc.array(fc.record({ name: fc.string(), value: fc.string() })), fc.anything()),
        postData: fc.anything(),
      },
      { requiredKeys: [] },
    ),
    response: fc.oneof(
      fc.record(
        {
          status: fc.oneof(fc.integer({ min: 0, max: 999 }), fc.anything()),
          headers: fc.anything(),
          content: fc.oneof(
            fc.record({ text: fc.string(), encoding: fc.constantFrom('base64', 'utf8') }),
            fc.anything(),
          ),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
    ),
  },
  { requiredKeys: [] },
);

describe('importHar on arbitrary input', () => {
  it('imports or skips each entry, and rejects non-HAR with a readable Error', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .array(fc.oneof(entry, fc.anything()), { maxLength: 8 })
            .map((entries) => JSON.stringify({ log: { entries } })),
          fc.string(),
          fc.json(),
        ),
        (json) => {
          const store = new ExchangeStore(1000, 4096);
          try {
            const outcome = importHar(json, store);
            expect(outcome.imported + outcome.skipped.length).toBeLessThanOrEqual(
              store.size + store.tlsFailureCount + outcome.skipped.length,
            );
            for (const e of store.all()) expect(() => e.detail()).not.toThrow();
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            expect((error as Error).message).toMatch(/not valid JSON|not a HAR file/);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
