/**
 * @module The words of report.html and the chat transcripts in each pack language. Complaint drafts are always
 * Chinese: they are filed with Chinese shops, payment platforms and regulators.
 */
import type { OrderStatus } from '@/src/cases/order';
import type { Demand } from '@/src/bundle/facts';

/** Every label a generated document uses. */
export interface PackLabels {
  lang: string;
  reportTitle: string;
  intro: string;
  keyFacts: string;
  shop: string;
  shopSite: string;
  respondent: string;
  creditCode: string;
  icp: string;
  orderNo: string;
  item: string;
  amount: string;
  orderTime: string;
  status: string;
  paymentMethod: string;
  contact: string;
  demand: string;
  refundPolicy: string;
  promisesNoReason: string;
  corrected: string;
  notShown: string;
  notCaptured: string;
  counts: string;
  deadlines: string;
  deadlineRule: string;
  deadlineDue: string;
  deadlineBasis: string;
  statusHistory: string;
  noStatusHistory: string;
  timeline: string;
  time: string;
  what: string;
  details: string;
  capture: string;
  chatMessage: string;
  htmlNotLinked: string;
  moreMessages: string;
  files: string;
  path: string;
  size: string;
  sha256: string;
  howToVerify: string;
  verifySteps: string[];
  eventLog: string;
  chainIntact: string;
  chainBroken: string;
  chainHead: string;
  events: string;
  generatedBy: string;
  createdAt: string;
  masked: string;
  notMasked: string;
  legalNote: string;
  transcriptTitle: string;
  chatPage: string;
  shownTime: string;
  firstSeen: string;
  role: string;
  kind: string;
  text: string;
  notes: string;
  editedFrom: string;
  recalled: string;
  roles: Record<'agent' | 'customer' | 'system', string>;
  kinds: Record<string, string>;
  statuses: Record<OrderStatus, string>;
  demands: Record<Demand, string>;
  captureKinds: Record<string, string>;
}

const zh: PackLabels = {
  lang: 'zh-CN',
  reportTitle: '证据包报告',
  intro: '本报告由浏览器扩展「留证」在用户本机生成。证据原件位于本压缩包内，每个文件的 SHA-256 哈希值列在文末，可离线校验。',
  keyFacts: '关键事实',
  shop: '店铺',
  shopSite: '店铺网址',
  respondent: '经营者（营业执照信息）',
  creditCode: '统一社会信用代码',
  icp: 'ICP 备案号',
  orderNo: '订单号',
  item: '商品',
  amount: '金额',
  orderTime: '下单时间',
  status: '当前状态',
  paymentMethod: '支付方式',
  contact: '联系方式',
  demand: '诉求',
  refundPolicy: '店铺退款规则（页面原文）',
  promisesNoReason: '页面承诺无理由退货',
  corrected: '（用户更正）',
  notShown: '页面未显示',
  notCaptured: '未采集到',
  counts: '证据数量',
  deadlines: '期限提醒',
  deadlineRule: '规则',
  deadlineDue: '截止',
  deadlineBasis: '依据',
  statusHistory: '订单状态变化（来自事件日志）',
  noStatusHistory: '事件日志中没有状态变化记录。',
  timeline: '时间线（截图与聊天摘录）',
  time: '时间',
  what: '内容',
  details: '详情',
  capture: '取证',
  chatMessage: '聊天',
  htmlNotLinked: '网页源码文件，请用文本编辑器查看，切勿在浏览器中打开',
  moreMessages: '其余消息见完整聊天记录：',
  files: '文件清单与哈希值',
  path: '路径',
  size: '字节数',
  sha256: 'SHA-256',
  howToVerify: '如何校验',
  verifySteps: [
    '用浏览器打开本包内的 verify.html，把整个 zip 文件拖入页面：它会离线重新计算每个文件的哈希、清单摘要和事件链，不联网。',
    '或手动计算任一文件的 SHA-256 与上表比对：Windows 用 certutil -hashfile 文件名 SHA256，macOS 用 shasum -a 256 文件名，Linux 用 sha256sum 文件名。',
    'manifest.json.sha256 记录了 manifest.json 的哈希；manifest.json 记录了其余每个文件的哈希和事件链末端哈希。',
    '命令行：npm run verify -- 证据包.zip（留证源码目录中）。',
  ],
  eventLog: '事件日志（哈希链）',
  chainIntact: '导出时事件链完整：每条事件都包含上一条事件的哈希，任何修改、删除或插入都会被发现。',
  chainBroken: '警告：导出时事件链校验未通过，详见下方。',
  chainHead: '链末端哈希',
  events: '事件数',
  generatedBy: '生成工具',
  createdAt: '导出时间',
  masked: '第三方可见的文本（聊天记录、投诉草稿、摘录）已隐去身份证号、手机号和银行卡号，仅保留末 4 位；截图和原始文件未做任何改动。',
  notMasked: '未启用隐私遮盖：文本中的个人信息保持原样。',
  legalNote:
    '依据：《最高人民法院关于民事诉讼证据的若干规定》第十四条（网页、即时通信记录、电子交易记录属于电子数据）、第十五条（原件或直接来源于原件的输出）；《最高人民法院关于互联网法院审理案件若干问题的规定》第十一条（哈希值校验）。本报告不构成法律意见。',
  transcriptTitle: '聊天记录',
  chatPage: '页面',
  shownTime: '显示时间',
  firstSeen: '首次记录时间',
  role: '角色',
  kind: '类型',
  text: '内容',
  notes: '备注',
  editedFrom: '编辑前',
  recalled: '已撤回',
  roles: { agent: '客服', customer: '我', system: '系统' },
  kinds: { text: '文字', image: '图片', file: '文件', link: '链接', system: '系统', recalled: '已撤回' },
  statuses: {
    unpaid: '未付款',
    paid: '已付款',
    delivered: '已发货',
    completed: '已完成',
    refunding: '退款中',
    refunded: '已退款',
    failed: '失败',
    cancelled: '已取消',
  },
  demands: {
    refund: '退还货款',
    'refund-interest-costs': '退还预付款并支付利息和合理费用（消保法第五十三条）',
    'triple-compensation': '退还货款并三倍赔偿，最低 500 元（消保法第五十五条，主张欺诈时）',
  },
  captureKinds: { visible: '可见区域截图', fullpage: '整页截图', text: '页面文字', html: '网页源码', meta: '元数据', file: '用户文件' },
};

const en: PackLabels = {
  lang: 'en',
  reportTitle: 'Evidence pack report',
  intro:
    'Generated on the user’s own computer by the 留证 (Liuzheng) browser extension. The original evidence files are in this zip; every file’s SHA-256 is listed at the end and can be checked offline.',
  keyFacts: 'Key facts',
  shop: 'Shop',
  shopSite: 'Shop site',
  respondent: 'Operator (business licence)',
  creditCode: 'Unified social credit code (统一社会信用代码)',
  icp: 'ICP filing',
  orderNo: 'Order number',
  item: 'Item',
  amount: 'Amount',
  orderTime: 'Order time',
  status: 'Current status',
  paymentMethod: 'Payment method',
  contact: 'Contact',
  demand: 'Demand',
  refundPolicy: 'Shop refund policy (as shown)',
  promisesNoReason: 'Page promises a no-reason return',
  corrected: ' (corrected by the user)',
  notShown: 'not shown on the page',
  notCaptured: 'not captured',
  counts: 'Evidence',
  deadlines: 'Deadlines',
  deadlineRule: 'Rule',
  deadlineDue: 'Due',
  deadlineBasis: 'Basis',
  statusHistory: 'Order status history (from the event log)',
  noStatusHistory: 'The event log records no status change.',
  timeline: 'Timeline (captures and chat excerpts)',
  time: 'Time',
  what: 'What',
  details: 'Details',
  capture: 'Capture',
  chatMessage: 'Chat',
  htmlNotLinked: 'page source: view it in a text editor, do not open it in a browser',
  moreMessages: 'More messages in the full transcript: ',
  files: 'Files and hashes',
  path: 'Path',
  size: 'Bytes',
  sha256: 'SHA-256',
  howToVerify: 'How to verify',
  verifySteps: [
    'Open verify.html from this pack in a browser and drop the whole zip on it: it recomputes every file hash, the manifest digest and the event chain offline.',
    'Or hash any file yourself and compare with the table: Windows certutil -hashfile FILE SHA256, macOS shasum -a 256 FILE, Linux sha256sum FILE.',
    'manifest.json.sha256 holds the hash of manifest.json; manifest.json holds the hash of every other file and the event-chain head.',
    'Command line: npm run verify -- pack.zip (in the 留证 source folder).',
  ],
  eventLog: 'Event log (hash chain)',
  chainIntact: 'The event chain was intact at export: each event carries the previous event’s hash, so any edit, deletion or insertion shows.',
  chainBroken: 'Warning: the event chain did not verify at export; see below.',
  chainHead: 'Chain head',
  events: 'Events',
  generatedBy: 'Generator',
  createdAt: 'Exported at',
  masked: 'Texts meant for third parties (transcripts, complaint drafts, excerpts) have ID, mobile and bank-card numbers masked to their last 4 digits; screenshots and original files are unaltered.',
  notMasked: 'Privacy masking is off: personal data in texts is shown as captured.',
  legalNote:
    'Basis: SPC Provisions on Evidence in Civil Procedure Art. 14 (web pages, instant messages and electronic transaction records are electronic data), Art. 15 (originals or outputs derived directly from them); SPC Provisions on Internet Courts Art. 11 (hash checks). Not legal advice.',
  transcriptTitle: 'Chat transcript',
  chatPage: 'Page',
  shownTime: 'Shown time',
  firstSeen: 'First recorded',
  role: 'Role',
  kind: 'Kind',
  text: 'Text',
  notes: 'Notes',
  editedFrom: 'Before edit',
  recalled: 'Recalled',
  roles: { agent: 'Agent', customer: 'Me', system: 'System' },
  kinds: { text: 'text', image: 'image', file: 'file', link: 'link', system: 'system', recalled: 'recalled' },
  statuses: {
    unpaid: 'unpaid',
    paid: 'paid',
    delivered: 'delivered',
    completed: 'completed',
    refunding: 'refunding',
    refunded: 'refunded',
    failed: 'failed',
    cancelled: 'cancelled',
  },
  demands: {
    refund: 'Refund of the price',
    'refund-interest-costs': 'Refund of the prepayment plus interest and reasonable costs (Consumer Protection Law Art. 53)',
    'triple-compensation': 'Refund plus threefold compensation, at least ¥500 (Consumer Protection Law Art. 55, where fraud is claimed)',
  },
  captureKinds: { visible: 'visible-area screenshot', fullpage: 'full-page screenshot', text: 'page text', html: 'page source', meta: 'metadata', file: 'user file' },
};

/** Labels for a pack language. */
export function packLabels(language: 'zh-CN' | 'en'): PackLabels {
  return language === 'en' ? en : zh;
}
