/**
 * @module Label dictionaries (simplified Chinese, traditional Chinese, English) that card shops put
 * before order values, and the matcher that recognises a label at the start of a text.
 * Labels come from the shipped templates listed in notes/shop-systems.md plus common generic wording.
 */

/** What a label announces. `ignored` labels are known so that they end the previous value and never feed a field. */
export type FieldKey =
  | 'orderNo'
  | 'amount'
  | 'item'
  | 'quantity'
  | 'orderTime'
  | 'status'
  | 'deliveryStatus'
  | 'paymentMethod'
  | 'contact'
  | 'ignored';

/** A recognised label: the field and, for amounts, how surely it is the payable sum (higher wins). */
export interface LabelInfo {
  field: FieldKey;
  priority: number;
}

type Entry = readonly [field: FieldKey, priority: number, labels: readonly string[]];

const ENTRIES: readonly Entry[] = [
  ['orderNo', 0, [
    '订单号', '订单编号', '订单号码', '订单ID', '订单id', '订单', '订单单号', '商户订单号', '商家订单号', '交易号', '交易单号', '交易订单号', '流水号', '单号',
    '訂單號', '訂單編號', '訂單號碼', '訂單ID', '訂單', '商戶訂單號', '交易編號',
    'Order No.', 'Order No', 'Order Number', 'Order ID', 'Order #', 'Order', 'Trade No.', 'Trade No', 'Transaction ID', 'Order Code',
  ]],
  // Payable sum: what the buyer paid or must pay.
  ['amount', 3, [
    '实付金额', '实付款', '实付', '实际支付价格', '实际支付金额', '实际支付', '实际付款', '应付金额', '应付', '支付金额', '付款金额', '已付金额', '成交金额',
    '實付金額', '實付', '實際支付價格', '實際支付金額', '應付金額', '支付金額', '付款金額',
    'Amount Paid', 'Paid Amount', 'Amount Due', 'Amount Payable', 'Total Paid',
  ]],
  ['amount', 2, [
    '订单总价', '商品总价', '订单金额', '下单金额', '订单总额', '总价', '总计', '合计', '总金额', '总额',
    '訂單總價', '商品總價', '訂單金額', '下單金額', '總價', '總計', '合計', '總金額',
    'Total Amount', 'Order Total', 'Grand Total', 'Total',
  ]],
  ['amount', 1, ['金额', '金額', '价格', '價格', 'Amount', 'Price']],
  ['item', 0, [
    '订单名称', '商品名称', '商品名', '商品', '宝贝名称', '宝贝', '产品名称', '产品', '商品信息', '购买商品',
    '訂單名稱', '商品名稱', '產品名稱', '產品',
    'Product Name', 'Product', 'Item Name', 'Item', 'Goods', 'Commodity',
  ]],
  ['quantity', 0, ['购买数量', '下单数量', '数量', '購買數量', '下單數量', '數量', 'Quantity', 'Qty']],
  ['orderTime', 0, [
    '订单创建时间', '创建时间', '下单时间', '订单时间', '交易时间', '订单日期', '下单日期', '购买时间', '时间', '日期', '下单',
    '下單', '訂單建立時間', '建立時間', '訂單創建時間', '創建時間', '下單時間', '訂單時間', '交易時間', '訂單日期', '購買時間', '時間',
    'Order Date', 'Order Time', 'Created At', 'Created', 'Date Placed', 'Placed On', 'Order Placed', 'Date', 'Time',
  ]],
  ['status', 0, [
    '订单状态', '状态', '付款状态', '支付状态', '交易状态',
    '訂單狀態', '狀態', '付款狀態', '支付狀態', '交易狀態',
    'Order Status', 'Payment Status', 'Status',
  ]],
  ['deliveryStatus', 0, ['发货状态', '交付状态', '發貨狀態', '交付狀態', 'Delivery Status', 'Shipping Status']],
  ['paymentMethod', 0, [
    '支付方式', '付款方式', '支付渠道', '支付通道', '付款渠道', '支付类型',
    '支付方法', '付款方法', '支付類型', '支付',
    'Payment Method', 'Payment', 'Paid With', 'Pay Method',
  ]],
  ['contact', 0, [
    '下单邮箱', '联系方式', '联系邮箱', '邮箱', '电子邮箱', '邮箱地址', '手机号', '手机号码', '联系电话', '联系QQ', '收货邮箱', '联系',
    '聯繫', '聯絡', '下單信箱', '下單郵箱', '聯繫方式', '聯絡方式', '信箱', '電子郵件', '電子信箱', '郵箱',
    'Email', 'E-mail', 'Email Address', 'Contact', 'Contact Info',
  ]],
  // Known non-target labels: unit prices, discounts, balances, other times and order metadata.
  ['ignored', 0, [
    '订单类型', '订单资料', '订单详情', '订单信息', '订单模式', '优惠码', '优惠券', '优惠金额', '优惠', '折扣', '原始金额', '原价', '单价', '商品单价', '小计',
    '余额', '账户余额', '礼券金额', '支付时间', '付款时间', '过期时间', '到期时间', '取消时间', '确认时间', '发货时间', '收货时间', '完成时间', '关闭时间',
    '规格', '类别', '商品类型', '备注', '查询密码', '使用说明', '售后支持', '卡密信息', '卡密', '交付方式', '用户留言', '订单有效期', '商品编号', '商品ID',
    '訂單類型', '訂單資料', '訂單詳情', '優惠碼', '優惠金額', '原價', '單價', '小計', '餘額', '支付時間', '付款時間', '過期時間', '規格', '備註', '查詢密碼', '使用說明',
    'Unit Price', 'Discount', 'Subtotal', 'Coupon', 'Balance', 'Paid At', 'Payment Time', 'Expires', 'Note', 'Remark', 'Order Type',
  ]],
];

const LABELS = new Map<string, LabelInfo>();
for (const [field, priority, labels] of ENTRIES) {
  for (const label of labels) {
    LABELS.set(label.toLowerCase(), { field, priority });
  }
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\#]/g, '\\$&');
// Longest first: a regex alternation takes the first alternative that fits, so 订单名称 must precede 订单.
const ALTERNATION = [...LABELS.keys()].sort((a, b) => b.length - a.length).map(escapeRe).join('|');

/**
 * A label opens a text when it is followed by a colon or by nothing at all (the value then sits in
 * the next element). "订单号在哪里看" is therefore prose, not a label.
 */
const LABEL_AT_START = new RegExp(`^(${ALTERNATION})\\s*(?:[:：]\\s*([\\s\\S]*)|$)`, 'i');
/** A further label with a colon inside a value: where a semicolon-joined run ("金额：…；数量：…") ends. */
const LABEL_INSIDE = new RegExp(`(?:^|[\\s；;，,|｜、❤])(?:${ALTERNATION})\\s*[:：]`, 'i');

/** Whitespace as `normalizeSpace` folds it, so raw text with any spacing inside "Trade No" still matches. */
const RAW_SPACE = '[\\s\\u00a0\\u3000\\u200b\\ufeff]+';
/** Order-number labels, minus those that contain a shorter one (订单 covers 订单号; order covers Order No). */
const ORDER_NO_CORES = [...LABELS]
  .filter(([, info]) => info.field === 'orderNo')
  .map(([label]) => label)
  .filter((label, _i, all) => !all.some((other) => other !== label && label.includes(other)));

/**
 * An order-number label anywhere in a raw, unnormalised text. Every text that yields an order-number
 * pair (label at the start, a run split after a separator, a column header) contains one, so a page
 * whose text nodes never match cannot hold a labelled order: the cheap gate of the full label scan.
 */
export const ORDER_NO_WORD = new RegExp(ORDER_NO_CORES.map((l) => escapeRe(l).replace(/ /g, RAW_SPACE)).join('|'), 'i');

/** A label recognised at the start of a (normalised) text, with whatever follows its colon. */
export interface LabelMatch extends LabelInfo {
  label: string;
  /** Text after the colon in the same string; '' when the value must be looked for in the next element. */
  rest: string;
}

/** First characters of all labels: most text nodes are rejected by one set lookup before any regex runs. */
const FIRST_CHARS = new Set([...LABELS.keys()].flatMap((l) => [l.charAt(0), l.charAt(0).toUpperCase()]));

/** Cheap pre-check on raw text: could a label start at its first non-blank character? */
export function mayStartWithLabel(raw: string): boolean {
  const i = raw.search(/\S/);
  return i >= 0 && FIRST_CHARS.has(raw.charAt(i));
}

/** Recognise a label at the start of `text` (already whitespace-normalised). */
export function matchLabel(text: string): LabelMatch | null {
  if (!FIRST_CHARS.has(text.charAt(0))) {
    return null;
  }
  const m = LABEL_AT_START.exec(text);
  if (m === null) {
    return null;
  }
  const label = m[1] ?? '';
  const info = LABELS.get(label.toLowerCase());
  if (info === undefined) {
    return null;
  }
  // A bracketed remark after the colon ("联系方式：(仅限下单后2小时内有效)") is a hint, not the value.
  const rest = cutAtNextLabel((m[2] ?? '').trim()).replace(/^[(（][^)）]*[)）]$/, '');
  return { ...info, label, rest };
}

/** True when the whole text is one label (with optional colon), e.g. a table header cell. */
export function labelOnly(text: string): LabelInfo | null {
  const m = matchLabel(text);
  return m !== null && m.rest === '' ? m : null;
}

const LABEL_INSIDE_ALL = new RegExp(LABEL_INSIDE.source, 'gi');

/** Split a run such as "订单金额：12.00；购买数量：1；支付方式：支付宝" into one string per label. */
export function splitLabelRuns(text: string): string[] {
  const starts: number[] = [0];
  LABEL_INSIDE_ALL.lastIndex = 1;
  for (let m = LABEL_INSIDE_ALL.exec(text); m !== null; m = LABEL_INSIDE_ALL.exec(text)) {
    if (m.index > 0) {
      starts.push(m.index);
    }
    if (m[0] === '') {
      LABEL_INSIDE_ALL.lastIndex += 1;
    }
  }
  return starts.map((s, i) => text.slice(s, starts[i + 1]).replace(/^[\s；;，,|｜、❤]+/, '').trim()).filter((s) => s !== '');
}

/** Cut a value where the next "label：" begins (semicolon-joined runs, two pairs on one line). */
export function cutAtNextLabel(value: string): string {
  const m = LABEL_INSIDE.exec(value);
  const cut = m === null || m.index === 0 ? value : value.slice(0, m.index);
  return cut.replace(/[\s；;，,|｜❤]+$/, '').trim();
}
