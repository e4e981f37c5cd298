import { describe, expect, it } from 'vitest';
import { MAX_RENDER_ELEMENTS, MAX_RENDER_TEXT, renderFullPage } from '@/src/capture/render-full-page';

/**
 * Just the two numbers the limits read (element count, text length): the limits answer before anything
 * is drawn, so html2canvas-pro is never reached. A real 100,000-element page is in the e2e hostile suite.
 */
function pageOf(elements: number, characters: number): Document {
  const fake = { documentElement: {}, body: { textContent: 'x'.repeat(characters) }, getElementsByTagName: () => ({ length: elements }) };
  return fake as unknown as Document;
}

describe('full-page render refuses hostile page sizes plainly', () => {
  it(`refuses more than ${MAX_RENDER_ELEMENTS} elements`, async () => {
    const result = await renderFullPage(pageOf(MAX_RENDER_ELEMENTS + 1, 10));
    expect(result.ok ? '' : result.error).toBe(
      `page too large for a full-page image (${MAX_RENDER_ELEMENTS + 1} elements, limit ${MAX_RENDER_ELEMENTS}); the visible screenshot, text and HTML are kept`,
    );
  });

  it(`refuses more than ${MAX_RENDER_TEXT} characters of text`, async () => {
    const result = await renderFullPage(pageOf(100, MAX_RENDER_TEXT + 1));
    expect(result.ok ? '' : result.error).toContain(`(${MAX_RENDER_TEXT + 1} characters of text, limit ${MAX_RENDER_TEXT})`);
  });

  it('goes on to draw a page within both limits', async () => {
    // The fake has no layout: getting past the limits shows up as a drawing error, not a size refusal.
    const result = await renderFullPage(pageOf(MAX_RENDER_ELEMENTS, MAX_RENDER_TEXT));
    expect(result.ok ? '' : result.error).not.toContain('too large');
  });
});
