/**
 * @module `npm run verify -- <pack.zip>`: recomputes every file hash, the manifest digest and the event chains of an
 * evidence pack. Exit 0 only when everything checks out; otherwise each failure is printed and the exit code is 1
 * (2 for a usage error or an unreadable file).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PackManifestSchema, verifyPack } from '@/src/bundle';
import JSZip from 'jszip';

async function describe(bytes: Uint8Array): Promise<string | null> {
  try {
    const zip = await JSZip.loadAsync(bytes);
    const text = await zip.file('manifest.json')?.async('string');
    const manifest = PackManifestSchema.safeParse(JSON.parse(text ?? 'null'));
    if (!manifest.success) {
      return null;
    }
    const m = manifest.data;
    const cases = m.cases.map((c) => `${c.shopName ?? c.shopOrigin} #${c.orderNo === '' ? '-' : c.orderNo}`).join(', ');
    return `pack ${m.createdAt} by ${m.generator}: ${m.cases.length} case(s) [${cases}], ${m.files.length} files listed`;
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const arg = process.argv.slice(2).find((a) => a !== '--');
  if (arg === undefined) {
    console.error('usage: npm run verify -- <pack.zip>');
    return 2;
  }
  // npm runs scripts from the project root; resolve the path against where the user typed the command.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    console.error(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  console.log(`verifying ${path} (${bytes.length} bytes)`);
  const about = await describe(bytes);
  if (about !== null) {
    console.log(about);
  }
  const result = await verifyPack(bytes);
  if (result.ok) {
    console.log(`OK: ${result.checkedFiles} files match their SHA-256, manifest.json matches manifest.json.sha256, every event chain is intact.`);
    return 0;
  }
  for (const failure of result.failures) {
    console.log(`FAIL ${failure}`);
  }
  console.log(`FAILED: ${result.failures.length} problem(s); ${result.checkedFiles} file(s) checked.`);
  return 1;
}

process.exitCode = await main();
