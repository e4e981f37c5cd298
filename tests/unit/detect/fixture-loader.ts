/**
 * @module Test helper: the project's shop fixtures (tests/fixtures/shops) with their truth files,
 * parsed by the test environment's DOMParser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { OrderFactsSchema } from '@/src/cases/order';

/** Folder of the project's own shop fixtures. */
export const FIXTURE_DIR = join(import.meta.dirname, '../../fixtures/shops');

const TruthSchema = z.object({
  system: z.string(),
  theme: z.string().nullable().optional(),
  url: z.url(),
  pageKind: z.enum(['order', 'chat', 'other']),
  order: OrderFactsSchema.nullable().optional(),
  orders: z.array(OrderFactsSchema).optional(),
  notes: z.string(),
});

/** One fixture page with its expected orders (empty for negatives). */
export interface ShopFixture {
  name: string;
  system: string;
  url: URL;
  html: string;
  expected: z.infer<typeof OrderFactsSchema>[];
}

/** All fixtures, sorted by name. */
export function loadShopFixtures(): ShopFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.html$/, '');
      const truth = TruthSchema.parse(JSON.parse(readFileSync(join(FIXTURE_DIR, `${name}.truth.json`), 'utf8')));
      const expected = truth.orders ?? (truth.order === null || truth.order === undefined ? [] : [truth.order]);
      return { name, system: truth.system, url: new URL(truth.url), html: readFileSync(join(FIXTURE_DIR, f), 'utf8'), expected };
    });
}

/** Parse a fixture's HTML into a fresh document. */
export function parseFixture(fixture: ShopFixture): Document {
  return new DOMParser().parseFromString(fixture.html, 'text/html');
}
