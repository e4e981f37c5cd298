/**
 * @module Displayed status words to the normalised order status (notes/shop-systems.md,
 * "Status normalisation"), in simplified and traditional Chinese and English.
 */
import type { OrderStatus } from '@/src/cases/order';

// Most specific first: 部分退款 before 退款, 处理失败 before 处理, 待发货 before 发货.
const WORDS: readonly (readonly [string, OrderStatus | null])[] = [
  ['部分退款', 'refunded'], ['退款成功', 'refunded'], ['已退款', 'refunded'], ['退款完成', 'refunded'],
  ['退款中', 'refunding'], ['退款申请中', 'refunding'], ['申请退款中', 'refunding'], ['正在维权', 'refunding'], ['维权中', 'refunding'], ['售后中', 'refunding'],
  ['平台发货失败', 'failed'], ['发货异常', 'failed'], ['处理失败', 'failed'], ['状态异常', 'failed'], ['支付失败', 'failed'], ['已失败', 'failed'],
  ['發貨異常', 'failed'], ['處理失敗', 'failed'], ['狀態異常', 'failed'], ['支付失敗', 'failed'],
  ['已逾期', 'cancelled'], ['已过期', 'cancelled'], ['已過期', 'cancelled'], ['已取消', 'cancelled'], ['已关闭', 'cancelled'], ['已關閉', 'cancelled'],
  ['交易关闭', 'cancelled'], ['交易關閉', 'cancelled'], ['已作废', 'cancelled'], ['订单超时', 'cancelled'],
  ['部分交付', 'delivered'], ['部分發貨', 'delivered'], ['已交付', 'delivered'], ['已发货', 'delivered'], ['已發貨', 'delivered'], ['待收货', 'delivered'], ['待收貨', 'delivered'], ['已出卡', 'delivered'],
  ['已完成', 'completed'], ['已收货', 'completed'], ['已收貨', 'completed'], ['交易成功', 'completed'], ['交易完成', 'completed'], ['订单完成', 'completed'],
  ['未发货', null], ['未發貨', null], ['待交付', 'paid'], ['等待发货', 'paid'], ['待发货', 'paid'], ['等待發貨', 'paid'], ['待發貨', 'paid'],
  ['待处理', 'paid'], ['待處理', 'paid'], ['处理中', 'paid'], ['處理中', 'paid'], ['已处理', 'paid'], ['已處理', 'paid'],
  ['已支付', 'paid'], ['已付款', 'paid'], ['支付成功', 'paid'], ['付款成功', 'paid'], ['已付', 'paid'],
  ['待支付', 'unpaid'], ['待付款', 'unpaid'], ['未支付', 'unpaid'], ['未付款', 'unpaid'], ['正在付款', 'unpaid'], ['等待付款', 'unpaid'], ['等待支付', 'unpaid'], ['待确认', 'unpaid'], ['待確認', 'unpaid'],
  ['失败', 'failed'], ['失敗', 'failed'], ['异常', 'failed'], ['異常', 'failed'],
];

const ENGLISH: readonly (readonly [RegExp, OrderStatus])[] = [
  [/partial(?:ly)?\s+refunded|\brefunded\b/i, 'refunded'],
  [/\brefunding\b|refund\s+(?:pending|requested|in progress)/i, 'refunding'],
  [/\bfail(?:ed|ure)?\b|\berror\b/i, 'failed'],
  [/\bcancel+ed\b|\bexpired\b|\bclosed\b/i, 'cancelled'],
  [/pending\s+payment|awaiting\s+payment|\bunpaid\b|\bnot\s+paid\b/i, 'unpaid'],
  [/partial(?:ly)?\s+delivered|\bdelivered\b|\bshipped\b/i, 'delivered'],
  [/\bcompleted?\b|\bfinished\b/i, 'completed'],
  [/\bpaid\b|\bprocessing\b/i, 'paid'],
];

/** Normalise a displayed status text; null when no known status word is in it. */
export function normalizeStatus(text: string): OrderStatus | null {
  for (const [word, status] of WORDS) {
    if (text.includes(word)) {
      return status;
    }
  }
  for (const [re, status] of ENGLISH) {
    if (re.test(text)) {
      return status;
    }
  }
  return null;
}

const RANK: Record<OrderStatus, number> = {
  unpaid: 0, paid: 1, delivered: 2, completed: 3, failed: 4, cancelled: 4, refunding: 5, refunded: 6,
};

/** The more advanced of two statuses (payment badge + delivery badge → the later state). */
export function laterStatus(a: OrderStatus | null, b: OrderStatus | null): OrderStatus | null {
  if (a === null) {
    return b;
  }
  if (b === null) {
    return a;
  }
  return RANK[b] > RANK[a] ? b : a;
}

/** The first known status word inside a sentence, with its normalised status ("订单…支付成功" → paid). */
export function findStatusWord(text: string): { word: string; status: OrderStatus } | null {
  let best: { word: string; status: OrderStatus; at: number } | null = null;
  for (const [word, status] of WORDS) {
    const at = text.indexOf(word);
    if (status !== null && at >= 0 && (best === null || at < best.at || (at === best.at && word.length > best.word.length))) {
      best = { word, status, at };
    }
  }
  return best === null ? null : { word: best.word, status: best.status };
}
