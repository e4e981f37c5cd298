/**
 * @module The full-page renderer kept in the page's content-script world after its first use.
 *
 * Injecting the renderer's file evaluates it afresh: V8 then runs html2canvas-pro cold (no type feedback, no
 * optimised code) every time. Kept from the first injection in the extension's isolated world of that page —
 * invisible to the page's own scripts, gone when the page unloads — a later capture of the same page runs it
 * warm: ~10–30 % less render time (measured 2026-11-22, README performance). The first capture of a page still
 * injects the file.
 */
import type { RenderResult } from '@/src/messaging/schemas';

/** The global of the extension's isolated world that holds the renderer; the page's own world cannot see it. */
const RESIDENT_KEY = '__liuzhengResidentRenderer';

interface ResidentRenderer {
  /** The extension version that installed it: after an update the page's copy is stale, so the file is injected again. */
  version: string;
  render: () => Promise<RenderResult>;
}

/** Called by the injected renderer file: keeps `render` for later captures of this page. */
export function keepRendererResident(version: string, render: () => Promise<RenderResult>): void {
  const resident: ResidentRenderer = { version, render };
  Reflect.set(globalThis, RESIDENT_KEY, resident);
}

/**
 * Injected with `scripting.executeScript({ func })`: runs the renderer kept by an earlier capture of this page, or
 * returns null when there is none (first capture, or another version). The browser serialises this function's
 * source, so it is self-contained: the key is repeated here rather than taken from the module.
 */
export function runResidentRenderer(version: string): Promise<unknown> | null {
  const resident: unknown = Reflect.get(globalThis, '__liuzhengResidentRenderer');
  if (typeof resident !== 'object' || resident === null) {
    return null;
  }
  const render: unknown = Reflect.get(resident, 'render');
  return Reflect.get(resident, 'version') === version && typeof render === 'function' ? (render as () => Promise<unknown>)() : null;
}
