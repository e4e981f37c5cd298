/** @module Exports the cases of a running extension as evidence packs (filled in with the pack builder). */
import type { ExtensionBrowser } from './chromium.ts';

/** Writes one pack per stored case into `outDir` (prefix names the source page). */
export async function exportCasesFromExtension(_ext: ExtensionBrowser, _outDir: string, _prefix: string): Promise<void> {
  throw new Error('evidence-pack export is not available yet');
}
