// @vitest-environment happy-dom
// The cheap gates and shortcuts that keep the detector fast on ordinary pages must never change an answer:
// each is checked here against the slow computation it stands for, on every fixture.
import { describe, expect, it } from 'vitest';
import { findCardKeys, hasCardKeys } from '@/src/detect/extras';
import { detectOrderPage } from '@/src/detect/index';
import { matchLabel, ORDER_NO_WORD } from '@/src/detect/labels';
import { collectPairs, mayHoldLabelledOrder } from '@/src/detect/pairs';
import { groupPairs } from '@/src/detect/records';
import { ORDER_OR_PAY, scanEachNode, scanOrderWords } from '@/src/detect/scan';
import { anyMatch, textLongerThan } from '@/src/detect/text';
import { loadShopFixtures, parseFixture } from './fixture-loader';

const fixtures = loadShopFixtures();
const html = (body: string): Document => new DOMParser().parseFromString(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`, 'text/html');

/** Candidate roots of a fixture: the body and the usual containers adapters scope to (capped for test time). */
function roots(doc: Document): Element[] {
  const body = doc.body;
  return [body, ...doc.querySelectorAll('main, section, form, table, dl, ul, div')].slice(0, 150);
}

describe('order-number label gate', () => {
  it('finds an order-number label in any spacing and case the label matcher accepts', () => {
    for (const text of ['订单号：1', '訂單編號', '商戶訂單號', '交易編號', '流水号', '单号', 'Order No.', 'ORDER\u00a0NUMBER', 'Trade\n  No:', 'Transaction\u3000ID', 'order #']) {
      expect(ORDER_NO_WORD.test(text), text).toBe(true);
    }
    // Every text the label matcher reads as an order-number label contains the gate word.
    for (const text of ['Trade   No: AB123456', 'transaction id：X', '交易號：1', '交易單號', '订单ID']) {
      const m = matchLabel(text.replace(/\s+/g, ' '));
      if (m?.field === 'orderNo') {
        expect(ORDER_NO_WORD.test(text), text).toBe(true);
      }
    }
  });

  it('is true wherever grouping finds an order (every fixture, body and sub-roots)', () => {
    for (const fixture of fixtures) {
      const doc = parseFixture(fixture);
      for (const root of roots(doc)) {
        const groups = groupPairs(collectPairs(root), root);
        if (groups.length > 0) {
          expect(mayHoldLabelledOrder(root), `${fixture.name} <${root.tagName.toLowerCase()} class="${root.className}">`).toBe(true);
        }
      }
      // Passing the body's scan gives the same answer as scanning inside.
      expect(mayHoldLabelledOrder(doc.body, scanOrderWords(doc.body))).toBe(mayHoldLabelledOrder(doc.body));
    }
  });

  it('keeps every text node the sentence pass reads', () => {
    for (const fixture of fixtures) {
      const doc = parseFixture(fixture);
      const kept = new Set(scanOrderWords(doc.body).map((n) => n.node));
      const walker = doc.createTreeWalker(doc.body, 4);
      for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
        const raw = n.nodeValue ?? '';
        if (raw.length <= 300 && ORDER_OR_PAY.test(raw)) {
          expect(kept.has(n as Text), `${fixture.name}: ${raw.slice(0, 40)}`).toBe(true);
        }
      }
    }
  });

  it('stops ordinary pages that mention orders before the full scan', () => {
    const portal = html(
      `<div class="top"><a href="/user/orders">我的订单</a> <a href="/help">订单查询</a></div>` +
        `<form><label>订单号</label><input value="" placeholder="请输入订单号"></form>` +
        `<ul>${'<li><p>蓝牙耳机</p><p>¥129.00</p><p>月销 2000+</p></li>'.repeat(200)}</ul><p>浙ICP备20261234号-1</p>`,
    );
    expect(mayHoldLabelledOrder(portal.body)).toBe(false);
    expect(detectOrderPage(new URL('https://mall.example/'), portal)).toBeNull();
    const forum = html('<div class="post"><p>请问订单号在哪里看？客服让我提供订单号</p><p>发表于 2026-11-20 10:00</p></div>'.repeat(100));
    expect(mayHoldLabelledOrder(forum.body)).toBe(false);
    expect(detectOrderPage(new URL('https://bbs.example/thread-1.html'), forum)).toBeNull();
  });

  it('lets a labelled order through', () => {
    const doc = html('<div><span>订单号：</span><span>KM2026110312000099</span></div><div>实付金额：¥20</div>');
    expect(mayHoldLabelledOrder(doc.body)).toBe(true);
    expect(detectOrderPage(new URL('https://shop.example/x'), doc)?.orders[0]?.orderNo).toBe('KM2026110312000099');
  });
});

describe('order-word scan', () => {
  const same = (doc: Document, root: Node, label: string): void => {
    const fast = scanOrderWords(root).map(({ node, raw, orderNoLabel }) => [node, raw, orderNoLabel]);
    const slow = scanEachNode(root, doc).map(({ node, raw, orderNoLabel }) => [node, raw, orderNoLabel]);
    expect(fast, label).toEqual(slow);
  };

  it('keeps exactly the nodes a per-node test keeps (every fixture, body and sub-roots)', () => {
    for (const fixture of fixtures) {
      const doc = parseFixture(fixture);
      for (const root of roots(doc)) {
        same(doc, root, `${fixture.name} <${root.tagName.toLowerCase()}>`);
      }
    }
  });

  it('finds words split over nodes, overlapping node edges, beside comments, CDATA and long texts', () => {
    const cases = [
      // 订|单号: the global pass matches 订单 across the edge; the second node still holds 单号 on its own.
      '<p><b>订</b>单号：123</p><p>x</p>',
      '<p>我的订</p><p>单号</p><span>order</span><i>ORDER no</i>',
      '<p>订单<!-- 订单 -->号</p><p>支付<!--x-->成功</p>',
      '<svg><desc><![CDATA[订单 CDATA]]></desc></svg><p>付款</p><p>扫一扫</p>',
      `<p>${'长'.repeat(700)}订单</p><p>订单号：A1</p>`,
      '<p></p><p>订单</p><p></p><p>Trade\n  No: 1</p><p>tail</p>',
      '<p>nothing here</p>',
    ];
    for (const body of cases) {
      const doc = html(body);
      same(doc, doc.body, body);
      same(doc, doc, `${body} (document root)`);
    }
    expect(scanOrderWords(html('<p><b>订</b>单号：123</p>').body).map((n) => n.raw)).toEqual(['单号：123']);
  });

  it('stops at the node limit like the per-node test', () => {
    const doc = html(`${'<p>a</p>'.repeat(50)}<p>订单号：1</p>`);
    expect(scanOrderWords(doc.body, 50)).toEqual([]);
    expect(scanOrderWords(doc.body, 51).map((n) => n.raw)).toEqual(['订单号：1']);
  });
});

describe('cheap DOM helpers answer like the slow calls', () => {
  it('textLongerThan equals a textContent length comparison', () => {
    for (const fixture of fixtures.slice(0, 12)) {
      const doc = parseFixture(fixture);
      for (const el of [...doc.querySelectorAll('*')].slice(0, 300)) {
        for (const limit of [0, 5, 300]) {
          expect(textLongerThan(el, limit)).toBe((el.textContent ?? '').length > limit);
        }
      }
    }
  });

  it('anyMatch and hasCardKeys equal the selector-list queries', () => {
    const lists = ['article, .post-content, .thread', '.comments, #comments, [rel=author], time[datetime]', 'textarea, .card-display, .kami, .keys'];
    for (const fixture of fixtures) {
      const doc = parseFixture(fixture);
      for (const list of lists) {
        expect(anyMatch(doc, list), `${fixture.name} ${list}`).toBe(doc.querySelector(list) !== null);
      }
      expect(hasCardKeys(doc), fixture.name).toBe(findCardKeys(doc).length > 0);
    }
  });
});
