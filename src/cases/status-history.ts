/**
 * @module The status history of a case from its event log (pure): statuses seen on the order page
 * (`order-seen`, `order-changed`), typed by the user (`order-entered`) and corrected by the user
 * (`field-corrected`), oldest first.
 */
import type { EventRecord, JsonValue } from '@/src/store/records';

/** One status step. */
export interface StatusStep {
  seq: number;
  at: string;
  status: string | null;
  statusText: string | null;
  source: 'page' | 'user-entered' | 'user-corrected';
}

function field(data: JsonValue, key: string): JsonValue | undefined {
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? data[key] : undefined;
}

function text(value: JsonValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

/** The status steps of a chain (pure). */
export function statusSteps(events: readonly EventRecord[]): StatusStep[] {
  const steps: StatusStep[] = [];
  for (const e of events) {
    if (e.type === 'order-seen' || e.type === 'order-entered') {
      const order = field(e.data, 'order');
      const status = text(order === undefined ? undefined : field(order, 'status'));
      if (status !== null) {
        steps.push({ seq: e.seq, at: e.at, status, statusText: text(order === undefined ? undefined : field(order, 'statusText')), source: e.type === 'order-seen' ? 'page' : 'user-entered' });
      }
    } else if (e.type === 'order-changed') {
      const changes = field(e.data, 'changes');
      const status = changes === undefined ? undefined : field(changes, 'status');
      const statusText = changes === undefined ? undefined : field(changes, 'statusText');
      if (status !== undefined) {
        steps.push({ seq: e.seq, at: e.at, status: text(field(status, 'after')), statusText: statusText === undefined ? null : text(field(statusText, 'after')), source: 'page' });
      }
    } else if (e.type === 'field-corrected' && text(field(e.data, 'field')) === 'status') {
      steps.push({ seq: e.seq, at: e.at, status: text(field(e.data, 'value')), statusText: null, source: 'user-corrected' });
    }
  }
  return steps;
}

