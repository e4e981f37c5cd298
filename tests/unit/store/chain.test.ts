import { describe, expect, it } from 'vitest';
import { computeEventHash, GENESIS_HASH, verifyEventChain, type ChainedEventBody } from '@/src/store/chain';

async function makeChain(n: number): Promise<(ChainedEventBody & { hash: string })[]> {
  const events: (ChainedEventBody & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 0; seq < n; seq++) {
    const body: ChainedEventBody = { caseId: 'c1', seq, type: 'note', at: `2026-11-21T10:00:0${seq}+08:00`, data: { n: seq, text: '订单号 123' }, prevHash: prev };
    const hash = await computeEventHash(body);
    events.push({ ...body, hash });
    prev = hash;
  }
  return events;
}

describe('event hash chain', () => {
  it('accepts an intact chain', async () => {
    const chain = await makeChain(4);
    expect(await verifyEventChain(chain, chain.at(-1)?.hash)).toEqual([]);
  });

  it('hash does not depend on key order of data', async () => {
    const a = await computeEventHash({ caseId: 'c', seq: 0, type: 't', at: 'x', data: { a: 1, b: 2 }, prevHash: GENESIS_HASH });
    const b = await computeEventHash({ caseId: 'c', seq: 0, type: 't', at: 'x', data: { b: 2, a: 1 }, prevHash: GENESIS_HASH });
    expect(a).toBe(b);
  });

  it('detects a modified event', async () => {
    const chain = await makeChain(4);
    const tampered = chain.map((e) => (e.seq === 1 ? { ...e, data: { n: 1, text: '订单号 999' } } : e));
    const failures = await verifyEventChain(tampered);
    expect(failures).toContainEqual(expect.objectContaining({ seq: 1, problem: 'hash-mismatch' }));
  });

  it('detects a deleted event in the middle', async () => {
    const chain = await makeChain(4);
    const failures = await verifyEventChain(chain.filter((e) => e.seq !== 2));
    expect(failures.map((f) => f.problem)).toEqual(expect.arrayContaining(['seq-gap', 'prev-mismatch']));
  });

  it('detects a deleted last event against the recorded head', async () => {
    const chain = await makeChain(4);
    const head = chain.at(-1)?.hash;
    const failures = await verifyEventChain(chain.slice(0, 3), head);
    expect(failures).toHaveLength(1);
  });
});
