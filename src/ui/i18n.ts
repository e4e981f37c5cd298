/**
 * @module Interface strings, 简体中文 first and English. The English table must have every key of the
 * Chinese one (checked by the type), so no screen shows a missing string.
 */
import { browser } from 'wxt/browser';

const zhCN = {
  appName: '留证',
  tagline: '卡盟维权取证',
  currentPage: '当前页面',
  capture: '取证',
  capturing: '取证中…',
  captureDone: '已保存 {n} 项证据',
  captureProblems: '部分项目未能保存：',
  captureFailed: '取证失败：',
  stepVisible: '截取可见区域',
  stepText: '保存页面文字和源码',
  stepFullpage: '渲染整页截图',
  stepHash: '计算哈希',
  stepStore: '写入本地数据库',
  stepDone: '完成',
  latestCaptures: '最近取证',
  noCaptures: '还没有取证记录。',
  openCases: '打开案件列表',
  casesTitle: '维权案件',
  casesEmpty: '还没有案件。在卡盟订单页点击「取证」即可开始。',
  shortcutHint: '快捷键 Alt+Shift+S',
  reasonBrowserPage: '浏览器内部页面无法取证。',
  reasonExtensionPage: '扩展页面无法取证。',
  reasonWebStore: '浏览器禁止扩展在应用商店页面运行，无法取证。',
  reasonPdfViewer: '浏览器 PDF 阅读器中的文件无法取证，请下载后作为文件附加。',
  reasonFileUrl: '本地文件页面无法取证。',
  reasonNoUrl: '此标签页没有可取证的网址。',
  kind_visible: '可见区域截图',
  kind_fullpage: '整页截图',
  kind_text: '页面文字',
  kind_html: '页面源码',
  kind_meta: '元数据',
  kind_file: '文件',
  hash: 'SHA-256',
  capturedAt: '取证时间',
  frame: '框架',
  shop: '店铺',
  orderNo: '订单号',
  noOrder: '（未识别订单）',
  updated: '更新于',
  captures: '取证记录',
  events: '事件日志',
  chainOk: '事件链完整：{n} 条事件，哈希校验通过',
  chainBroken: '事件链校验失败：',
  showText: '查看文字',
  hideText: '收起',
  openFull: '查看原图',
  htmlAsText: '源码（仅以文本显示，不执行）',
  bytes: '字节',
  orderRecognised: '已识别订单',
  field_orderNo: '订单号',
  field_amount: '金额',
  field_currency: '币种',
  field_item: '商品',
  field_quantity: '数量',
  field_orderTime: '下单时间',
  field_status: '状态',
  field_statusText: '页面显示状态',
  field_shopName: '店铺名称',
  field_paymentMethod: '支付方式',
  field_contact: '联系方式',
  edit: '更正',
  save: '保存',
  cancel: '取消',
  corrected: '已更正，原提取值：',
  cardKeys: '卡密（已遮挡，证据中保留原文）',
  companyName: '经营者名称',
  creditCode: '统一社会信用代码',
  unknown: '未知',
  language: 'English',
} as const;

type MessageKey = keyof typeof zhCN;

const en: Record<MessageKey, string> = {
  appName: 'Liuzheng',
  tagline: 'Evidence for card-shop refunds',
  currentPage: 'Current page',
  capture: 'Capture',
  capturing: 'Capturing…',
  captureDone: '{n} evidence items saved',
  captureProblems: 'Some items could not be saved:',
  captureFailed: 'Capture failed: ',
  stepVisible: 'Visible area',
  stepText: 'Page text and HTML',
  stepFullpage: 'Full-page image',
  stepHash: 'Hashing',
  stepStore: 'Saving to the local database',
  stepDone: 'Done',
  latestCaptures: 'Latest captures',
  noCaptures: 'No captures yet.',
  openCases: 'Open cases',
  casesTitle: 'Cases',
  casesEmpty: 'No cases yet. Click Capture on a card-shop order page to start.',
  shortcutHint: 'Shortcut Alt+Shift+S',
  reasonBrowserPage: 'Browser pages cannot be captured.',
  reasonExtensionPage: 'Extension pages cannot be captured.',
  reasonWebStore: 'Browsers do not let extensions run on store pages, so this page cannot be captured.',
  reasonPdfViewer: 'Files in the PDF viewer cannot be captured; download the file and attach it instead.',
  reasonFileUrl: 'Local file pages cannot be captured.',
  reasonNoUrl: 'This tab has no address to capture.',
  kind_visible: 'Visible area',
  kind_fullpage: 'Full page',
  kind_text: 'Page text',
  kind_html: 'Page HTML',
  kind_meta: 'Metadata',
  kind_file: 'File',
  hash: 'SHA-256',
  capturedAt: 'Captured at',
  frame: 'Frame',
  shop: 'Shop',
  orderNo: 'Order no.',
  noOrder: '(no order recognised)',
  updated: 'Updated',
  captures: 'Captures',
  events: 'Event log',
  chainOk: 'Event chain intact: {n} events, hashes check out',
  chainBroken: 'Event chain check failed: ',
  showText: 'Show text',
  hideText: 'Hide',
  openFull: 'Open full size',
  htmlAsText: 'HTML (shown as text, never executed)',
  bytes: 'bytes',
  orderRecognised: 'Order recognised',
  field_orderNo: 'Order no.',
  field_amount: 'Amount',
  field_currency: 'Currency',
  field_item: 'Item',
  field_quantity: 'Quantity',
  field_orderTime: 'Order time',
  field_status: 'Status',
  field_statusText: 'Status as shown',
  field_shopName: 'Shop name',
  field_paymentMethod: 'Payment method',
  field_contact: 'Contact',
  edit: 'Correct',
  save: 'Save',
  cancel: 'Cancel',
  corrected: 'Corrected; extracted value: ',
  cardKeys: 'Card keys (masked here, kept in the evidence)',
  companyName: 'Company name',
  creditCode: 'Unified social credit code',
  unknown: 'unknown',
  language: '中文',
};

/** Supported interface languages. */
export type Language = 'zh-CN' | 'en';

/** The interface language from the browser's UI language: Chinese first, English otherwise. */
export function defaultLanguage(): Language {
  const ui = browser.i18n.getUILanguage();
  return ui.toLowerCase().startsWith('zh') || ui === '' ? 'zh-CN' : 'en';
}

/** A translator for `language`: `t('captureDone', { n: 5 })`. */
export function translator(language: Language): (key: MessageKey, params?: Record<string, string | number>) => string {
  const table: Record<MessageKey, string> = language === 'zh-CN' ? zhCN : en;
  return (key, params) => {
    let text = table[key];
    for (const [name, value] of Object.entries(params ?? {})) {
      text = text.replace(`{${name}}`, String(value));
    }
    return text;
  };
}

/** True when `key` is a message of the dictionary (reasons arrive as strings from the background). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(zhCN, key);
}

export type { MessageKey };
