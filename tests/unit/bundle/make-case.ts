/** @module Test data for the pack: records of one case with real bytes and a valid hash-chained event log. */
import { computeEventHash, GENESIS_HASH } from '@/src/store/chain';
import { sha256Hex } from '@/src/shared/hash';
import { crc32Of } from '@/src/shared/crc32';
import type { CaptureRecord, CaseRecord, ChatMessageRecord, EventRecord, JsonValue } from '@/src/store/records';
import type { PackCaseInput, PackInput } from '@/src/bundle';

/** A valid chain of events for a case from (type, data) pairs. */
export async function makeEvents(caseId: string, items: readonly { type: string; data: JsonValue }[]): Promise<EventRecord[]> {
  const events: EventRecord[] = [];
  let prev = GENESIS_HASH;
  for (const [seq, item] of items.entries()) {
    const body = { caseId, seq, type: item.type, at: `2026-11-21T10:${String(seq).padStart(2, '0')}:00.000+08:00`, data: item.data, prevHash: prev };
    const hash = await computeEventHash(body);
    events.push({ id: seq + 1, ...body, hash });
    prev = hash;
  }
  return events;
}

/** Knobs for {@link makeCase}. */
export interface CaseOverrides {
  id?: string;
  shopName?: string | null;
  orderNo?: string;
  companyName?: string | null;
  creditCode?: string | null;
  messageText?: string;
  item?: string;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3, 4, 5, 6, 7, 8]);

/** One case with a screenshot, page text, page HTML (with a script), a chat and three events; blobs in a map. */
export async function makeCase(o: CaseOverrides = {}): Promise<{ input: PackCaseInput; blobs: Map<string, Uint8Array> }> {
  const id = o.id ?? 'case-1';
  const orderNo = o.orderNo ?? '2026112110305512345';
  const record: CaseRecord = {
    id,
    shopOrigin: 'https://ka.example.com',
    orderNo,
    title: '腾讯视频 VIP 年卡',
    createdAt: '2026-11-21T10:00:00.000+08:00',
    updatedAtMs: 1,
    order: {
      orderNo,
      amount: 88,
      currency: 'CNY',
      item: o.item ?? '腾讯视频 VIP 年卡',
      quantity: 1,
      orderTime: '2026-11-21T10:02:33+08:00',
      status: 'paid',
      statusText: '已付款，待发货',
      shopName: o.shopName === undefined ? '星辰卡盟' : o.shopName,
      paymentMethod: '支付宝',
      contact: '13812345678',
    },
    corrections: {},
    status: 'paid',
    extras: {
      companyName: o.companyName === undefined ? '某某网络科技有限公司' : o.companyName,
      creditCode: o.creditCode === undefined ? '91110105MA01ABCD2X' : o.creditCode,
      icp: '京ICP备00000000号',
      refundPolicyText: '未发货可无理由退款',
      promisesNoReasonReturn: true,
      cardKeys: [],
    },
    deleted: false,
    mergedInto: null,
    notesText: '',
  };
  const blobs = new Map<string, Uint8Array>();
  const enc = new TextEncoder();
  const items: { kind: CaptureRecord['kind']; mime: string; data: Uint8Array; at: string }[] = [
    { kind: 'visible', mime: 'image/png', data: PNG, at: '2026-11-21T10:05:00.120+08:00' },
    { kind: 'text', mime: 'text/plain', data: enc.encode('订单号 2026112110305512345 已付款，待发货\n'), at: '2026-11-21T10:05:00.340+08:00' },
    { kind: 'html', mime: 'text/html', data: enc.encode('<html><body><script>alert(1)</script>订单</body></html>'), at: '2026-11-21T10:05:00.560+08:00' },
  ];
  const captures: CaptureRecord[] = [];
  for (const [n, item] of items.entries()) {
    const sha256 = await sha256Hex(item.data);
    blobs.set(sha256, item.data);
    captures.push({
      id: `${id}-cap-${n}`,
      caseId: id,
      batchId: `${id}-batch`,
      kind: item.kind,
      mime: item.mime,
      bytes: item.data.length,
      sha256,
      capturedAt: item.at,
      capturedAtMs: Date.parse(item.at),
      timeZone: 'Asia/Shanghai',
      sourceUrl: `https://ka.example.com/order/${orderNo}`,
      frameUrl: null,
      title: '订单详情 <b>星辰</b>',
      note: n === 2 ? '../../evil.html' : null,
    });
  }
  const message = (n: number, role: ChatMessageRecord['role'], text: string): ChatMessageRecord => ({
    id: `${id}-chat|m${n}`,
    caseId: id,
    chatKey: 'https://chat.example.com|crisp|conv-1',
    widget: 'crisp',
    frameUrl: 'https://chat.example.com/frame',
    pageUrl: 'https://ka.example.com/order',
    position: n,
    role,
    kind: 'text',
    text,
    url: null,
    fileName: null,
    shownTime: `10:1${n}`,
    firstSeenAt: `2026-11-21T10:1${n}:00.000+08:00`,
    firstSeenAtMs: Date.parse(`2026-11-21T10:1${n}:00.000+08:00`),
    versions: n === 2 ? [{ text: '24小时内退款', seenAt: '2026-11-21T10:12:00.000+08:00' }] : [],
    recalled: false,
    recallNotice: null,
    originalKind: null,
  });
  const messages = [
    message(1, 'customer', o.messageText ?? '我付款了没发货，手机 13812345678，身份证 110105199001011234'),
    message(2, 'agent', '稍等，48小时内退款'),
    message(3, 'agent', '=cmd|\' /C calc\'!A0'),
  ];
  const events = await makeEvents(id, [
    { type: 'case-created', data: { orderNo, status: 'unpaid' } },
    { type: 'order-updated', data: { order: { status: 'paid', statusText: '已付款，待发货' } } },
    { type: 'capture-added', data: { count: 3, sha256: captures.map((c) => c.sha256) } },
  ]);
  return { input: { record, captures, messages, events }, blobs };
}

/** A PackInput over the given cases with fixed options (createdAt can be overridden). */
export function packInput(cases: readonly { input: PackCaseInput; blobs: Map<string, Uint8Array> }[], overrides: Partial<PackInput['options']> = {}): PackInput {
  const blobs = new Map<string, Uint8Array>();
  for (const c of cases) {
    for (const [k, v] of c.blobs) {
      blobs.set(k, v);
    }
  }
  return {
    cases: cases.map((c) => c.input),
    getBlobs: (shas) => {
      const missing = shas.find((sha) => !blobs.has(sha));
      // Bytes come with their CRC-32 as the store records it, so packs take JSZip's pre-checksummed path.
      return missing === undefined
        ? Promise.resolve(shas.map((sha) => ({ data: blobs.get(sha) as Uint8Array, crc32: crc32Of(blobs.get(sha) as Uint8Array) })))
        : Promise.reject(new Error(`no blob ${missing}`));
    },
    options: {
      language: 'zh-CN',
      maskPrivacy: true,
      demand: 'refund',
      createdAt: { iso: '2026-11-22T09:30:15.000+08:00', timeZone: 'Asia/Shanghai', epochMs: Date.parse('2026-11-22T09:30:15.000+08:00') },
      generator: '留证 0.1.0',
      ...overrides,
    },
  };
}

/** The zip as bytes, whichever form buildPack returned. */
export async function zipBytes(zip: Blob | Uint8Array): Promise<Uint8Array> {
  return zip instanceof Uint8Array ? zip : new Uint8Array(await zip.arrayBuffer());
}
