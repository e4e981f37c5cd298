/**
 * @module The area picker injected into the page when the user captures an element or a region the detector
 * missed. Self-contained by design: `scripting.executeScript({ func })` serialises the function's source,
 * so it may use nothing from outside its body. It resolves with the area in CSS pixels of the viewport (or
 * null when the user presses Esc), after removing every trace of itself and letting the page repaint, so
 * the screenshot taken next shows the page as it was.
 */

/** The picker's answer; mirrors `PickedAreaSchema` (messaging/schemas.ts), which parses it. */
export interface PickedAreaResult {
  mode: 'element' | 'region';
  rect: { x: number; y: number; width: number; height: number };
  viewport: { width: number; height: number; devicePixelRatio: number };
  page: { width: number; height: number; scrollX: number; scrollY: number };
  element: string | null;
  text: string | null;
}

/** Runs in the page: lets the user click an element or drag a rectangle. */
export function pickArea(mode: 'element' | 'region', hint: string): Promise<PickedAreaResult | null> {
  const MAX_WAIT_MS = 5 * 60_000;
  const MIN_REGION_PX = 4;
  const doc = document;
  const host = doc.createElement('div');
  // A closed shadow root keeps the page's styles (and scripts' selectors) away from the picker's boxes.
  const root = host.attachShadow({ mode: 'closed' });
  host.style.cssText = 'all:initial;position:fixed;inset:0;z-index:2147483647;pointer-events:none;';
  const layer = doc.createElement('div');
  layer.style.cssText = `position:fixed;inset:0;cursor:crosshair;pointer-events:${mode === 'region' ? 'auto' : 'none'};`;
  const box = doc.createElement('div');
  box.style.cssText = 'position:fixed;display:none;border:2px solid #b3261e;background:rgba(179,38,30,.12);pointer-events:none;box-sizing:border-box;';
  const banner = doc.createElement('div');
  banner.textContent = hint;
  banner.setAttribute('role', 'status');
  banner.style.cssText =
    'position:fixed;top:8px;left:50%;transform:translateX(-50%);background:#1f1f1f;color:#fff;font:14px/1.4 sans-serif;padding:6px 12px;border-radius:6px;pointer-events:none;';
  root.append(layer, box, banner);
  doc.documentElement.append(host);

  function viewport(): PickedAreaResult['viewport'] {
    return { width: window.innerWidth, height: window.innerHeight, devicePixelRatio: window.devicePixelRatio };
  }
  function page(): PickedAreaResult['page'] {
    const el = doc.scrollingElement ?? doc.documentElement;
    return { width: el.scrollWidth, height: el.scrollHeight, scrollX: window.scrollX, scrollY: window.scrollY };
  }
  function showBox(x: number, y: number, width: number, height: number): void {
    box.style.display = 'block';
    box.style.left = `${x}px`;
    box.style.top = `${y}px`;
    box.style.width = `${width}px`;
    box.style.height = `${height}px`;
  }
  function describe(el: Element): string {
    const id = el.id === '' ? '' : `#${el.id}`;
    const classes = [...el.classList].slice(0, 4).map((c) => `.${c}`).join('');
    return `${el.tagName.toLowerCase()}${id}${classes}`.slice(0, 500);
  }
  function target(x: number, y: number): Element | null {
    const el = doc.elementFromPoint(x, y);
    return el === null || el === host ? null : el;
  }

  return new Promise((resolve) => {
    let start: { x: number; y: number } | null = null;
    let current: { x: number; y: number; width: number; height: number } | null = null;
    const timer = setTimeout(() => finish(null), MAX_WAIT_MS);

    function finish(result: PickedAreaResult | null): void {
      clearTimeout(timer);
      window.removeEventListener('mousemove', onMove, true);
      window.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('mouseup', onUp, true);
      window.removeEventListener('click', onClick, true);
      window.removeEventListener('keydown', onKey, true);
      host.remove();
      // Two frames: the removal is painted before the background takes the screenshot.
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(result)));
    }
    function onMove(event: MouseEvent): void {
      if (mode === 'element') {
        const el = target(event.clientX, event.clientY);
        if (el !== null) {
          const r = el.getBoundingClientRect();
          showBox(r.left, r.top, r.width, r.height);
        }
        return;
      }
      if (start !== null) {
        const x = Math.min(start.x, event.clientX);
        const y = Math.min(start.y, event.clientY);
        current = { x, y, width: Math.abs(event.clientX - start.x), height: Math.abs(event.clientY - start.y) };
        showBox(current.x, current.y, current.width, current.height);
      }
    }
    function onDown(event: MouseEvent): void {
      // The page never sees the presses that pick (its own handlers could change what is shown).
      event.preventDefault();
      event.stopPropagation();
      if (mode === 'region' && event.button === 0) {
        start = { x: event.clientX, y: event.clientY };
      }
    }
    function onUp(event: MouseEvent): void {
      event.preventDefault();
      event.stopPropagation();
      if (mode !== 'region' || start === null) {
        return;
      }
      onMove(event);
      const area = current;
      start = null;
      if (area !== null && area.width >= MIN_REGION_PX && area.height >= MIN_REGION_PX) {
        finish({ mode, rect: area, viewport: viewport(), page: page(), element: null, text: null });
      }
    }
    function onClick(event: MouseEvent): void {
      // The page must not act on the click that picks (a link, a "cancel order" button).
      event.preventDefault();
      event.stopPropagation();
      if (mode !== 'element') {
        return;
      }
      const el = target(event.clientX, event.clientY);
      if (el === null) {
        return;
      }
      const r = el.getBoundingClientRect();
      const text = el instanceof HTMLElement ? el.innerText : (el.textContent ?? '');
      finish({
        mode,
        rect: { x: r.left, y: r.top, width: Math.max(r.width, 1), height: Math.max(r.height, 1) },
        viewport: viewport(),
        page: page(),
        element: describe(el),
        text: text.slice(0, 200_000),
      });
    }
    function onKey(event: KeyboardEvent): void {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        finish(null);
      }
    }
    window.addEventListener('mousemove', onMove, true);
    window.addEventListener('mousedown', onDown, true);
    window.addEventListener('mouseup', onUp, true);
    window.addEventListener('click', onClick, true);
    window.addEventListener('keydown', onKey, true);
  });
}
