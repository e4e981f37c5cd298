import { describe, expect, it } from 'vitest';
import { maskPrivateData, passesLuhn } from '@/src/bundle/mask';

describe('maskPrivateData', () => {
  it.each([
    ['身份证 110105199001011234 请核实', '身份证 **************1234 请核实'],
    ['证件号11010519900101123X。', '证件号**************123X。'],
    ['手机 13812345678', '手机 *******5678'],
    ['电话：+86 138-1234-5678', '电话：+86 ***-****-5678'],
    ['卡号 6222021234567890123 尾号', '卡号 ***************0123 尾号'],
    ['card 4111 1111 1111 1111', 'card **** **** **** 1111'],
  ])('masks %s', (input, expected) => {
    expect(maskPrivateData(input)).toBe(expected);
  });

  it('leaves order numbers, amounts, times and non-card digit runs readable', () => {
    const text = '订单号 2026112110305512345，金额 88.00，时间 2026-11-21 10:02:33，工单 DD13812345678，编号 1234567890123456';
    expect(passesLuhn('1234567890123456')).toBe(false);
    expect(maskPrivateData(text, { keep: ['2026112110305512345'] })).toBe(text);
  });

  it('keeps a listed order number even when it looks like a card', () => {
    const looksLikeCard = '6222021234567890123';
    expect(maskPrivateData(`订单 ${looksLikeCard}`, { keep: [looksLikeCard] })).toBe(`订单 ${looksLikeCard}`);
  });

  it('does not mask an 18-digit number without a valid birth date as an ID', () => {
    expect(maskPrivateData('流水 202611213099887766')).toBe('流水 202611213099887766');
  });
});
