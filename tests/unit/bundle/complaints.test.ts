import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildPack } from '@/src/bundle';
import { buildComplaints, fitDescription, WECHAT_DESCRIPTION_LIMIT } from '@/src/bundle/complaints';
import { caseFacts } from '@/src/bundle/facts';
import { makeCase, packInput, zipBytes } from './make-case';

async function drafts(overrides: Parameters<typeof makeCase>[0] = {}, options: Parameters<typeof packInput>[1] = {}): Promise<Map<string, string>> {
  const result = await buildPack(packInput([await makeCase(overrides)], options));
  const zip = await JSZip.loadAsync(await zipBytes(result.zip));
  const out = new Map<string, string>();
  for (const name of ['shop', 'alipay', 'wechat-pay', '12315', 'heimao']) {
    out.set(name, (await zip.file(`complaints/${name}.txt`)?.async('string')) ?? '');
  }
  return out;
}

function wechatDescription(text: string): string {
  const lines = text.split('\r\n');
  const i = lines.findIndex((l) => l.startsWith('问题描述'));
  return lines[i + 1] ?? '';
}

describe('complaint drafts', () => {
  it('fill the 12315 fields from the case and flag what the user must supply', async () => {
    const d = await drafts();
    const text = d.get('12315') ?? '';
    expect(text.startsWith('\uFEFF')).toBe(true);
    for (const filled of ['某某网络科技有限公司', '91110105MA01ABCD2X', '2026112110305512345', '腾讯视频 VIP 年卡', '¥88.00', '2026-11-21 10:02:33']) {
      expect(text).toContain(filled);
    }
    for (const missing of ['【待填写：投诉人姓名】', '【待填写：投诉人手机号】', '【待填写：投诉人地址】', '【待填写：被投诉人地址']) {
      expect(text).toContain(missing);
    }
  });

  it('flag a missing respondent instead of inventing one', async () => {
    const d = await drafts({ companyName: null, creditCode: null });
    expect(d.get('12315')).toContain('名称：【待填写：经营者全称');
    expect(d.get('12315')).toContain('统一社会信用代码：【待填写');
    expect(d.get('wechat-pay')).toContain('商户名称：【待填写');
  });

  it('keep the WeChat description within 300 characters, demand included', async () => {
    const d = await drafts({ item: '超长商品名'.repeat(80) }, { demand: 'refund-interest-costs' });
    const description = wechatDescription(d.get('wechat-pay') ?? '');
    expect(description.length).toBeGreaterThan(50);
    expect(description.length).toBeLessThanOrEqual(WECHAT_DESCRIPTION_LIMIT);
    const normal = wechatDescription((await drafts()).get('wechat-pay') ?? '');
    expect(normal.length).toBeLessThanOrEqual(WECHAT_DESCRIPTION_LIMIT);
    expect(normal).toContain('诉求：退还货款 ¥88.00');
  });

  it('state each demand with its basis; threefold compensation is at least ¥500', async () => {
    const c = await makeCase();
    const base = { facts: caseFacts(c.input.record), messageCount: 3, evidence: [], deadlines: [] };
    const text = (demand: 'refund' | 'refund-interest-costs' | 'triple-compensation'): string =>
      buildComplaints({ ...base, demand }).find((x) => x.fileName === '12315.txt')?.text ?? '';
    expect(text('refund')).toContain('退还货款 ¥88.00');
    expect(text('refund-interest-costs')).toContain('第五十三条');
    expect(text('triple-compensation')).toContain('¥500.00');
    expect(text('triple-compensation')).toContain('第五十五条');
    expect(text('triple-compensation')).toContain('欺诈');
  });

  it('mask personal numbers taken from the page but keep the order number', async () => {
    const d = await drafts({ item: '会员 联系 13912345678' });
    const text = d.get('shop') ?? '';
    expect(text).toContain('*******5678');
    expect(text).not.toContain('13912345678');
    expect(text).toContain('2026112110305512345');
    expect((await drafts({ item: '会员 联系 13912345678' }, { maskPrivacy: false })).get('shop')).toContain('13912345678');
  });

  it('cuts a too-long description on a character boundary', () => {
    const out = fitDescription(['短句。', '😀'.repeat(400)], 300);
    expect(out.length).toBeLessThanOrEqual(300);
    expect(out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});
