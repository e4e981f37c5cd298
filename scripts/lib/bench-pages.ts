/** @module Synthetic pages for the bench: a typical order page of a given size, and an ordinary (non-shop) page. */

/** An order page of about `elements` elements: order facts on top, then FAQ rows and a product grid. */
export function orderPageHtml(elements: number): string {
  const rows: string[] = [];
  // A product grid under the order, as shop pages show "you may also like": 5 elements per card.
  for (let i = 0; rows.length * 5 < elements - 40; i++) {
    rows.push(`<div class="card"><b>商品 ${i + 1}</b><p>腾讯视频VIP 月卡 <span>¥${(10 + (i % 50)).toFixed(2)}</span></p><i>库存充足</i></div>`);
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>订单详情 - 基准卡铺</title>
<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:0;background:#f5f6fa}.box{max-width:960px;margin:16px auto;background:#fff;padding:16px 24px;border-radius:8px}
.grid{display:grid;grid-template-columns:repeat(6,1fr);gap:8px}.card{border:1px solid #eee;padding:6px;font-size:12px;border-radius:4px}.card b{color:oklch(0.45 0.15 260)}.card p{margin:2px 0}td{padding:6px;border-bottom:1px solid #eee}</style></head>
<body><div class="box"><h1>订单详情</h1><table>
<tr><td>订单号</td><td>BENCH7Q2M9XW4PLT</td></tr><tr><td>商品名称</td><td>网易云音乐黑胶VIP年卡</td></tr>
<tr><td>订单金额</td><td>¥ 88.00</td></tr><tr><td>下单时间</td><td>2026-11-20 10:00:00</td></tr>
<tr><td>订单状态</td><td>已付款</td></tr><tr><td>支付方式</td><td>微信支付</td></tr></table></div>
<div class="box grid">${rows.join('')}</div></body></html>`;
}

/** An ordinary news-like page of about `elements` elements, with no shop or chat in it. */
export function ordinaryPageHtml(elements: number): string {
  const parts: string[] = [];
  for (let i = 0; parts.length * 5 < elements; i++) {
    parts.push(`<article><h2>新闻标题 ${i}</h2><p>今天的天气很好，<a href="#a${i}">阅读更多</a> 关于城市公园的<em>报道</em>。</p></article>`);
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>本地新闻</title></head><body><main>${parts.join('')}</main></body></html>`;
}
