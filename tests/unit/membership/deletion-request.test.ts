import { describe, expect, it } from 'vitest';
import { placeholder } from '@/src/bundle/complaints';
import { caseFacts } from '@/src/bundle/facts';
import { buildDeletionRequest, DELETION_REQUEST_FILE, deletionRequestFor, pending } from '@/src/membership/deletion-request';
import { event, shopCase } from './records';

describe('personal-information deletion request', () => {
  it('cites PIPL Art. 47, names the 网信 complaint route and flags what the user must supply', () => {
    const facts = caseFacts(shopCase('a', '20261101203015100001', 'refunded', { companyName: '演示网络科技有限公司', creditCode: '91330100MA2H3K7Q1Q', icp: '演ICP备00000000号' }));
    const draft = buildDeletionRequest({ facts, exitAppliedAt: '2026-11-21T17:30:00Z', evidence: [{ path: 'captures/0001-x-visible.png', description: '可见区域截图 2026-11-21' }] });
    expect(draft.fileName).toBe(DELETION_REQUEST_FILE);
    expect(draft.text).toContain('第四十七条');
    expect(draft.text).toContain('（三）个人撤回同意');
    expect(draft.text).toContain('网信部门');
    expect(draft.text).toContain('12377');
    expect(draft.text).toContain('第五十条');
    expect(draft.text).toContain('订单号 20261101203015100001');
    // Shanghai date of the application, not the UTC one.
    expect(draft.text).toContain('本人已于 2026-11-22 申请注销账号');
    expect(draft.text).toContain('名称：演示网络科技有限公司');
    expect(draft.text).toContain('统一社会信用代码：91330100MA2H3K7Q1Q');
    expect(draft.text).toContain('ICP 备案号：演ICP备00000000号');
    expect(draft.text).toContain('1. 可见区域截图 2026-11-21：captures/0001-x-visible.png');
    for (const mustSupply of ['姓名或账号昵称', '在该店铺注册的账号', '需删除的信息', '签名']) {
      expect(draft.text).toContain(pending(mustSupply).slice(0, -1));
    }
    expect(draft.text.split('\r\n').length).toBeGreaterThan(20);
    expect(draft.text).not.toMatch(/(?<!\r)\n/);
  });

  it('never invents: unknown licence, account and exit date are placeholders', () => {
    const facts = caseFacts(shopCase('s', '', null));
    const draft = buildDeletionRequest({ facts, exitAppliedAt: null, evidence: [] });
    expect(draft.text).toContain(pending('申请注销账号的日期（如尚未申请，可删去本句）'));
    expect(draft.text).toContain('名称：【待填写：经营者全称');
    expect(draft.text).toContain('ICP 备案号：【待填写：');
    expect(draft.text).not.toContain('订单号');
    expect(draft.text).not.toContain('本人已保存的证据');
  });

  it('uses the same marker as the complaint drafts', () => {
    expect(pending('X')).toBe(placeholder('X'));
  });

  it('takes the exit date from the case events', () => {
    const record = shopCase('a', 'A1', 'refunded');
    const events = [event('a', 0, 'action-recorded', '2026-11-20T09:00:00+08:00', { type: 'exit-applied', at: '2026-11-20T09:00:00+08:00', channel: null })];
    expect(deletionRequestFor(caseFacts(record), events, []).text).toContain('本人已于 2026-11-20 申请注销账号');
  });
});
