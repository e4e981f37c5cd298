// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { SITE_ADAPTERS } from '@/src/detect/index';
import { loadShopFixtures, parseFixture } from './fixture-loader';

const fixtures = loadShopFixtures();

describe('site adapters', () => {
  it('have unique ids and at least one positive fixture each', () => {
    const ids = SITE_ADAPTERS.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(fixtures.some((f) => f.system === id && f.expected.length > 0), id).toBe(true);
    }
  });

  // One generated test per adapter × fixture: an adapter accepts its own order pages and rejects
  // every other system's pages and every negative (it may match a route, but must extract nothing).
  for (const adapter of SITE_ADAPTERS) {
    for (const fixture of fixtures) {
      const own = fixture.system === adapter.id && fixture.expected.length > 0;
      it(`${adapter.id} ${own ? 'accepts' : 'rejects'} ${fixture.name}`, () => {
        const doc = parseFixture(fixture);
        const result = adapter.matches(fixture.url, doc) ? adapter.extract(fixture.url, doc) : null;
        if (own) {
          expect(result?.system).toBe(adapter.id);
        } else {
          expect(result).toBeNull();
        }
      });
    }
  }
});
