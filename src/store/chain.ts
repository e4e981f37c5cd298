/**
 * @module The hash chain of a case's event log. Pure: used by the store when appending, by the evidence
 * pack's verifier (CLI and verify.html) and by backup import. An event's hash covers its case, position,
 * type, time, data and the previous event's hash, serialised with RFC 8785 JSON canonicalisation, so any
 * edited, inserted, reordered or deleted event breaks every hash after it.
 */
import canonicalize from 'canonicalize';
import { sha256Hex } from '@/src/shared/hash';
import type { JsonValue } from '@/src/store/records';

/** prevHash of a case's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields an event hash covers. */
export interface ChainedEventBody {
  caseId: string;
  seq: number;
  type: string;
  at: string;
  data: JsonValue;
  prevHash: string;
}

/** Canonical bytes of an event body (RFC 8785). */
export function canonicalEventBody(body: ChainedEventBody): string {
  const text = canonicalize({
    caseId: body.caseId,
    seq: body.seq,
    type: body.type,
    at: body.at,
    data: body.data,
    prevHash: body.prevHash,
  });
  if (text === undefined) {
    throw new Error('event body cannot be canonicalised');
  }
  return text;
}

/** The hash an event with this body must carry. */
export async function computeEventHash(body: ChainedEventBody): Promise<string> {
  return sha256Hex(canonicalEventBody(body));
}

/** One break found in a chain. */
export interface ChainFailure {
  seq: number;
  problem: 'hash-mismatch' | 'prev-mismatch' | 'seq-gap' | 'case-mismatch';
  detail: string;
}

/**
 * Checks a case's events in seq order: each hash recomputed, each prevHash equal to the previous hash,
 * seq running 0, 1, 2… without a gap. Returns every failure (empty = intact).
 */
export async function verifyEventChain(
  events: readonly (ChainedEventBody & { hash: string })[],
  expectedHead?: string,
): Promise<ChainFailure[]> {
  const failures: ChainFailure[] = [];
  let prev = GENESIS_HASH;
  let expectedSeq = 0;
  const caseId = events[0]?.caseId;
  for (const event of events) {
    if (event.caseId !== caseId) {
      failures.push({ seq: event.seq, problem: 'case-mismatch', detail: `event belongs to case ${event.caseId}` });
    }
    if (event.seq !== expectedSeq) {
      failures.push({ seq: event.seq, problem: 'seq-gap', detail: `expected seq ${expectedSeq}, found ${event.seq}` });
    }
    if (event.prevHash !== prev) {
      failures.push({ seq: event.seq, problem: 'prev-mismatch', detail: 'prevHash does not match the previous event' });
    }
    const recomputed = await computeEventHash(event);
    if (recomputed !== event.hash) {
      failures.push({ seq: event.seq, problem: 'hash-mismatch', detail: 'event content does not match its hash' });
    }
    prev = event.hash;
    expectedSeq = event.seq + 1;
  }
  if (expectedHead !== undefined && prev !== expectedHead) {
    failures.push({ seq: expectedSeq, problem: 'prev-mismatch', detail: 'chain head differs from the recorded head (events missing at the end?)' });
  }
  return failures;
}
