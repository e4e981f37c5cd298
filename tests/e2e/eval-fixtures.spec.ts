/**
 * The project's own fixture pages, run through the real eval in Chromium: every order page found with
 * its fields, every negative clean, every chat message saved once with its role.
 */
import path from 'node:path';
import { runEval } from '../../scripts/lib/eval-run.ts';
import { expect, FIXTURES, test } from './fixtures.ts';

test('own shop fixtures: all orders found, negatives clean, fields right', async () => {
  test.setTimeout(600_000);
  const { scores } = await runEval({ dir: path.join(FIXTURES, 'shops'), exportDir: null, headed: false });
  expect(scores.orderPages.falsePositive, 'negatives with an order').toBe(0);
  expect(scores.orderPages.falseNegative, 'order pages missed').toBe(0);
  expect(scores.fields.accuracy, scores.fields.wrong.join('\n')).toBeGreaterThanOrEqual(0.95);
});

test('own chat fixtures: every message once, with its role; nothing on negatives', async () => {
  test.setTimeout(600_000);
  const { scores } = await runEval({ dir: path.join(FIXTURES, 'chats'), exportDir: null, headed: false });
  expect(scores.messages.missing).toEqual([]);
  expect(scores.messages.roleAccuracy).toBe(1);
  expect(scores.messages.duplicates + scores.messages.onNegatives).toBe(0);
});
