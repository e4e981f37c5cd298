/**
 * Draws a page with several builds of html2canvas-pro in real Chromium and compares what they draw, with each
 * other and with the browser's own full-page screenshot — for the specs of the extension's build transforms
 * (scripts/vite/html2canvas-pro-build.ts).
 */
import type { Browser, Page } from 'playwright-core';

const ORIGIN = 'http://render.test';

/** Serves `html` at render.test with each build of the renderer beside it, at `/<name>.js`. */
export async function openWithRenderers(browser: Browser, html: string, builds: Record<string, string>): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const build = /^\/([\w-]+)\.js$/.exec(url.pathname)?.[1];
    if (build !== undefined && build in builds) {
      await route.fulfill({ contentType: 'text/javascript', body: builds[build] });
    } else {
      await route.fulfill({ contentType: 'text/html; charset=utf-8', body: html });
    }
  });
  await page.goto(`${ORIGIN}/page.html`);
  return page;
}

/**
 * Draws the whole page with the build `build`, with the options the extension's renderer uses
 * (src/capture/render-full-page.ts), and keeps the canvas in the page under `label`.
 */
export async function draw(page: Page, build: string, label: string = build): Promise<{ width: number; height: number; colours: number }> {
  return page.evaluate(async ({ build, label }) => {
    type Renderer = (element: HTMLElement, options: Record<string, unknown>) => Promise<HTMLCanvasElement>;
    const render = ((await import(`/${build}.js`)) as { default: Renderer }).default;
    const root = document.documentElement;
    const canvas = await render(root, {
      scale: 1,
      width: Math.max(root.scrollWidth, document.body.scrollWidth, window.innerWidth),
      height: Math.max(root.scrollHeight, document.body.scrollHeight, window.innerHeight),
      windowWidth: window.innerWidth,
      windowHeight: window.innerHeight,
      x: 0,
      y: 0,
      scrollX: 0,
      scrollY: 0,
      backgroundColor: '#ffffff',
      logging: false,
      useCORS: false,
      imageTimeout: 3000,
    });
    const drawn = ((globalThis as unknown as { drawn?: Record<string, HTMLCanvasElement> }).drawn ??= {});
    drawn[label] = canvas;
    const ctx = canvas.getContext('2d');
    if (ctx === null) {
      throw new Error('no 2d context');
    }
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 97) {
      colours.add(((data[i] ?? 0) << 16) | ((data[i + 1] ?? 0) << 8) | (data[i + 2] ?? 0));
    }
    return { width: canvas.width, height: canvas.height, colours: colours.size };
  }, { build, label });
}

/** How far one image is from another. A pixel's difference is its largest channel difference (0–255). */
export interface PixelDistance {
  /** Pixels that differ at all. */
  differing: number;
  /** Pixels that differ by more than 64. */
  far: number;
  /** Pixels that differ by more than 64 from the other image's pixel at the same place and from both its left and right neighbours: what a shift of up to one pixel sideways cannot explain. */
  farBeyondOnePixel: number;
  /** The mean difference over all pixels. */
  meanDifference: number;
}

/**
 * Compares the canvas drawn as `label` with the one drawn as `other.drawn`, or — given `screenshotPng` (base64) —
 * with that image. Images of different sizes are infinitely far apart.
 */
export async function distance(page: Page, label: string, other: { drawn: string } | { screenshotPng: string }): Promise<PixelDistance> {
  return page.evaluate(
    async ({ label, against }) => {
      const drawn = (globalThis as unknown as { drawn: Record<string, HTMLCanvasElement> }).drawn;
      const pixelsOf = (canvas: HTMLCanvasElement | OffscreenCanvas): Uint8ClampedArray => {
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
        if (ctx === null) {
          throw new Error('no 2d context');
        }
        return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      };
      const canvas = drawn[label];
      if (canvas === undefined) {
        throw new Error(`nothing drawn as ${label}`);
      }
      let reference: HTMLCanvasElement | OffscreenCanvas | undefined;
      if ('drawn' in against) {
        reference = drawn[against.drawn];
      } else {
        const image = new Image();
        image.src = `data:image/png;base64,${against.screenshotPng}`;
        await image.decode();
        reference = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
        reference.getContext('2d')?.drawImage(image, 0, 0);
      }
      if (reference === undefined || reference.width !== canvas.width || reference.height !== canvas.height) {
        const infinite = Number.POSITIVE_INFINITY;
        return { differing: infinite, far: infinite, farBeyondOnePixel: infinite, meanDifference: infinite };
      }
      const a = pixelsOf(canvas);
      const b = pixelsOf(reference);
      const width = canvas.width;
      const differenceAt = (i: number, j: number): number => {
        let d = 0;
        for (let k = 0; k < 4; k++) {
          d = Math.max(d, Math.abs((a[i + k] ?? 0) - (b[j + k] ?? 0)));
        }
        return d;
      };
      let differing = 0;
      let far = 0;
      let farBeyondOnePixel = 0;
      let total = 0;
      for (let i = 0; i < a.length; i += 4) {
        const d = differenceAt(i, i);
        if (d > 0) {
          differing++;
          total += d;
        }
        if (d > 64) {
          far++;
          const x = (i / 4) % width;
          const left = x > 0 ? differenceAt(i, i - 4) : d;
          const right = x < width - 1 ? differenceAt(i, i + 4) : d;
          if (left > 64 && right > 64) {
            farBeyondOnePixel++;
          }
        }
      }
      return { differing, far, farBeyondOnePixel, meanDifference: total / (a.length / 4) };
    },
    { label, against: other },
  );
}

/** The browser's own screenshot of the page's top `width` × `height` CSS px (CDP, as the bench's anchor), base64 PNG at scale 1. */
export async function browserScreenshot(page: Page, { width, height }: { width: number; height: number }): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const shot = await cdp.send('Page.captureScreenshot', { format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width, height, scale: 1 } });
    return shot.data;
  } finally {
    await cdp.detach();
  }
}
