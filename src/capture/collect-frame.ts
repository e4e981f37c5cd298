/**
 * @module The snapshot of one frame's text and HTML. `collectFrameSnapshot` is injected with
 * scripting.executeScript({func}) into every frame, which serialises its source: it must stay
 * self-contained (no imports, no outer variables).
 */
import type { FrameSnapshot } from '@/src/messaging/schemas';

/** Reads the frame's visible text, HTML, form values and geometry. Self-contained by design. */
export function collectFrameSnapshot(): FrameSnapshot {
  const doc = document;
  const root = doc.documentElement as HTMLElement | null;
  const body = doc.body as HTMLElement | null;
  // innerText gives the text as laid out (line breaks between blocks), which is what the user saw;
  // textContent is the fallback for documents without a body.
  const text = body?.innerText ?? root?.textContent ?? '';
  const doctype = doc.doctype === null ? '' : `<!DOCTYPE ${doc.doctype.name}>\n`;
  const html = doctype + (root?.outerHTML ?? '');
  const formFields: { label: string; value: string }[] = [];
  // Values typed or filled by script are not in the HTML attributes; keep them (e.g. delivered card keys in inputs).
  const fields = doc.querySelectorAll('input, textarea, select');
  for (const field of Array.from(fields).slice(0, 2000)) {
    if (!(field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement)) {
      continue;
    }
    if (field instanceof HTMLInputElement && ['hidden', 'password', 'submit', 'button', 'image', 'reset', 'file'].includes(field.type)) {
      continue;
    }
    const value = field.value;
    if (value === '') {
      continue;
    }
    const labelled = field.labels?.[0]?.textContent ?? field.getAttribute('aria-label') ?? field.getAttribute('placeholder') ?? field.name;
    formFields.push({ label: labelled.trim().slice(0, 2000), value: value.slice(0, 100_000) });
  }
  return {
    url: location.href,
    title: doc.title,
    text,
    html,
    viewport: { width: window.innerWidth, height: window.innerHeight, devicePixelRatio: window.devicePixelRatio },
    page: {
      width: Math.max(root?.scrollWidth ?? 0, body?.scrollWidth ?? 0),
      height: Math.max(root?.scrollHeight ?? 0, body?.scrollHeight ?? 0),
      scrollX: window.scrollX,
      scrollY: window.scrollY,
    },
    formFields,
  };
}
