import { describe, expect, it } from 'vitest';
import { boundedRunner } from '@/src/cases/bounded-runner';

/** A job the test finishes by hand, recording when it started. */
function jobs() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const run = (name: string): Promise<void> =>
    new Promise((resolve) => {
      started.push(name);
      finishers.set(name, resolve);
    });
  const finish = async (name: string): Promise<void> => {
    finishers.get(name)?.();
    // Let the runner's promise callbacks start what may start next.
    for (let i = 0; i < 5; i++) {
      await Promise.resolve();
    }
  };
  return { started, run, finish };
}

describe('boundedRunner', () => {
  it('runs jobs in order, never more than maxJobs at once', async () => {
    const { started, run, finish } = jobs();
    const runner = boundedRunner({ maxJobs: 3, maxBytes: 1_000 }, run);
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      runner.push(name, 10);
    }
    expect(started).toEqual(['a', 'b', 'c']);
    await finish('b');
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    await finish('a');
    await finish('c');
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('keeps the sizes in flight under maxBytes, but always runs one job however large', async () => {
    const { started, run, finish } = jobs();
    const runner = boundedRunner({ maxJobs: 3, maxBytes: 100 }, run);
    runner.push('huge', 500);
    runner.push('small', 10);
    expect(started).toEqual(['huge']);
    await finish('huge');
    expect(started).toEqual(['huge', 'small']);
    runner.push('60', 60);
    runner.push('50', 50);
    expect(started).toEqual(['huge', 'small', '60']);
    await finish('60');
    expect(started).toEqual(['huge', 'small', '60', '50']);
  });

  it('goes on after a job that fails', async () => {
    const started: string[] = [];
    const runner = boundedRunner<string>({ maxJobs: 1, maxBytes: 100 }, async (name) => {
      started.push(name);
      await Promise.resolve();
      if (name === 'bad') {
        throw new Error('unreadable');
      }
    });
    runner.push('bad', 1);
    runner.push('good', 1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(started).toEqual(['bad', 'good']);
  });
});
