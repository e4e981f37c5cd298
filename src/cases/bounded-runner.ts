/**
 * @module Runs queued jobs in order, a few at a time: at most `maxJobs` at once and at most `maxBytes` of their
 * sizes together — except that one job always runs, however large, so nothing waits forever. The hashing worker
 * uses it to read the next Blob from storage while it hashes the last one, with bounded memory.
 */

export interface BoundedRunner<T> {
  /** Queues `job` of `bytes`; it starts as soon as the limits allow, after every job queued before it. */
  push: (job: T, bytes: number) => void;
}

export function boundedRunner<T>(limits: { maxJobs: number; maxBytes: number }, run: (job: T) => Promise<void>): BoundedRunner<T> {
  // A queue read from `head`: thousands of jobs may be queued at once, and shifting each would move all the rest.
  let waiting: { job: T; bytes: number }[] = [];
  let head = 0;
  let running = 0;
  let runningBytes = 0;

  const next = (): void => {
    for (let first = waiting[head]; first !== undefined; first = waiting[head]) {
      if (running > 0 && (running >= limits.maxJobs || runningBytes + first.bytes > limits.maxBytes)) {
        return;
      }
      head += 1;
      if (head === waiting.length) {
        waiting = [];
        head = 0;
      }
      running += 1;
      runningBytes += first.bytes;
      const { job, bytes } = first;
      void run(job)
        .catch(() => undefined)
        .then(() => {
          running -= 1;
          runningBytes -= bytes;
          next();
        });
    }
  };

  return {
    push: (job, bytes) => {
      waiting.push({ job, bytes });
      next();
    },
  };
}
