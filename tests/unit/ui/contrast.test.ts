import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** WCAG 2 relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const css = readFileSync(new URL('../../../src/ui/styles.css', import.meta.url), 'utf8');
const variable = (name: string): string => {
  const match = new RegExp(`--${name}:\\s*(#[0-9a-fA-F]{6})`).exec(css);
  if (match?.[1] === undefined) {
    throw new Error(`--${name} missing`);
  }
  return match[1];
};
/** The one literal colour a rule sets for text (`selector { … color: #xxxxxx … }`). */
const ruleColour = (selector: string): string => {
  const rule = new RegExp(`${selector.replace(/[.[\]]/g, '\\$&')}\\s*\\{[^}]*?(?:^|[;\\s])color:\\s*(#[0-9a-fA-F]{6})`, 'm').exec(css);
  if (rule?.[1] === undefined) {
    throw new Error(`${selector} colour missing`);
  }
  return rule[1];
};

describe('text contrast of the shared styles (WCAG AA, ≥ 4.5:1)', () => {
  const white = '#ffffff';
  const soft = variable('bg-soft');
  const pairs: [string, string, string][] = [
    ['text on white', variable('fg'), white],
    ['text on the soft background', variable('fg'), soft],
    ['muted text on white', variable('muted'), white],
    ['muted text on the soft background (case list)', variable('muted'), soft],
    ['ok text on white', variable('ok'), white],
    ['error text on white', ruleColour('.error'), white],
    ['links on white', ruleColour('.link-button'), white],
    ['links on the soft background', ruleColour('.link-button'), soft],
    ['primary button label', variable('accent-fg'), variable('accent')],
    ['disabled primary button label', variable('accent-fg'), variable('muted')],
  ];
  it.each(pairs)('%s', (_name, foreground, background) => {
    expect(contrast(foreground, background)).toBeGreaterThanOrEqual(4.5);
  });

  it('the check itself: black on white is 21:1 and a light grey fails', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#aaaaaa', '#ffffff')).toBeLessThan(4.5);
  });

  it('no rule fades text with opacity (faded text loses its contrast)', () => {
    expect(css).not.toMatch(/opacity:\s*0?\.\d/);
  });

  it('every focusable kind of control has a visible focus ring', () => {
    for (const control of ['button', 'a', 'summary', 'input', 'select', 'textarea']) {
      expect(css, control).toMatch(new RegExp(`(^|[\\s,])${control}:focus-visible[^{]*\\{[^}]*outline:\\s*3px`, 'm'));
    }
  });
});
