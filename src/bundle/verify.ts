/**
 * @module verifyPack: the pack verifier used by `npm run verify` and by the extension. verify.html carries the
 * same checks as plain JavaScript (verify-page-script.ts); tests keep the two in agreement, message for message.
 */
import JSZip from 'jszip';
import canonicalize from 'canonicalize';
import * as z from 'zod';
import { verifyEventChain } from '@/src/store/chain';
import { sha256Hex } from '@/src/shared/hash';
import { EventRecordSchema } from '@/src/store/records';
import { PackManifestSchema } from '@/src/bundle/manifest';
import { isSafePackPath } from '@/src/bundle/paths';

/** Outcome of verifying a pack: `ok` only when `failures` is empty. */
export interface PackVerification {
  ok: boolean;
  /** One line per problem, each starting with the file it concerns. */
  failures: string[];
  /** Files whose SHA-256 was recomputed (manifest.json included). */
  checkedFiles: number;
}

const PackEventSchema = EventRecordSchema.omit({ id: true });
type PackEvent = z.infer<typeof PackEventSchema>;

/** The pack-level chain head: the case's head for one case, else SHA-256 of the JCS array of `{caseId, head}`. */
export async function packChainHead(cases: readonly { caseId: string; eventChainHead: string }[]): Promise<string> {
  if (cases.length === 1 && cases[0] !== undefined) {
    return cases[0].eventChainHead;
  }
  const text = canonicalize(cases.map((c) => ({ caseId: c.caseId, head: c.eventChainHead })));
  if (text === undefined) {
    throw new Error('chain heads cannot be canonicalised');
  }
  return sha256Hex(text);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Recomputes every file hash, the manifest digest and every case's event chain of a pack zip. */
export async function verifyPack(zipBytes: Uint8Array): Promise<PackVerification> {
  const failures: string[] = [];
  let checked = 0;
  let zip: JSZip;
  try {
    // Unzip tools refuse an entry whose CRC-32 is not that of its data, even if its SHA-256 matches the manifest.
    zip = await JSZip.loadAsync(zipBytes, { checkCRC32: true });
  } catch (crcError) {
    try {
      zip = await JSZip.loadAsync(zipBytes);
    } catch (error) {
      return { ok: false, failures: [`zip: cannot be opened (${errorMessage(error)})`], checkedFiles: 0 };
    }
    // Opens without the check: the CRC-32 of an entry is wrong. Go on, so the files at fault are named too.
    failures.push(`zip: an entry's CRC-32 does not match its data (${errorMessage(crcError)})`);
  }
  const names: string[] = [];
  zip.forEach((_path, entry) => {
    if (!entry.dir) {
      // JSZip strips "../" from names; the original name is what a careless unzip tool would use.
      names.push(entry.unsafeOriginalName ?? entry.name);
    }
  });
  for (const name of names) {
    if (!isSafePackPath(name)) {
      failures.push(`${name}: unsafe path in zip`);
    }
  }
  const read = async (name: string): Promise<Uint8Array | null> => {
    const entry = zip.file(name);
    return entry === null ? null : entry.async('uint8array');
  };

  let manifestBytes: Uint8Array | null | undefined;
  try {
    manifestBytes = await read('manifest.json');
  } catch {
    manifestBytes = undefined;
  }
  if (manifestBytes === undefined || manifestBytes === null) {
    failures.push(manifestBytes === null ? 'manifest.json: missing from the zip' : 'manifest.json: cannot be read (corrupt data)');
    return { ok: false, failures, checkedFiles: 0 };
  }
  checked++;
  let digestBytes: Uint8Array | null;
  try {
    digestBytes = await read('manifest.json.sha256');
  } catch {
    digestBytes = null;
  }
  if (digestBytes === null) {
    failures.push('manifest.json.sha256: missing from the zip');
  } else {
    const recorded = /^[0-9a-f]{64}/.exec(new TextDecoder().decode(digestBytes).trim())?.[0] ?? '';
    if (recorded !== (await sha256Hex(manifestBytes))) {
      failures.push('manifest.json: SHA-256 does not match manifest.json.sha256');
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch {
    failures.push('manifest.json: not valid JSON');
    return { ok: false, failures, checkedFiles: checked };
  }
  const parsed = PackManifestSchema.safeParse(json);
  if (!parsed.success) {
    failures.push('manifest.json: does not match pack format 1');
    return { ok: false, failures, checkedFiles: checked };
  }
  const manifest = parsed.data;

  const listed = new Set<string>();
  let eventsBytes: Uint8Array | undefined;
  for (const file of manifest.files) {
    if (listed.has(file.path)) {
      failures.push(`${file.path}: listed twice in the manifest`);
      continue;
    }
    listed.add(file.path);
    let bytes: Uint8Array | null;
    try {
      bytes = await read(file.path);
    } catch {
      failures.push(`${file.path}: cannot be read (corrupt data)`);
      continue;
    }
    if (bytes === null) {
      failures.push(`${file.path}: missing from the zip`);
      continue;
    }
    checked++;
    if (bytes.length !== file.bytes) {
      failures.push(`${file.path}: size differs from the manifest (expected ${file.bytes} bytes, found ${bytes.length})`);
    }
    const actual = await sha256Hex(bytes);
    if (actual !== file.sha256) {
      failures.push(`${file.path}: SHA-256 mismatch (expected ${file.sha256}, found ${actual})`);
    }
    if (file.path === 'events.jsonl') {
      eventsBytes = bytes;
    }
  }
  for (const name of names) {
    if (!listed.has(name) && name !== 'manifest.json' && name !== 'manifest.json.sha256') {
      failures.push(`${name}: not listed in the manifest`);
    }
  }

  if (eventsBytes === undefined) {
    failures.push('events.jsonl: event chain not checked (file missing or unreadable)');
  } else {
    const groups = new Map<string, PackEvent[]>();
    const lines = new TextDecoder().decode(eventsBytes).split('\n');
    lines.forEach((line, index) => {
      if (line.trim() === '') {
        return;
      }
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = null;
      }
      const event = PackEventSchema.safeParse(value);
      if (!event.success) {
        failures.push(`events.jsonl: line ${index + 1} is not a valid event`);
        return;
      }
      const list = groups.get(event.data.caseId) ?? [];
      list.push(event.data);
      groups.set(event.data.caseId, list);
    });
    for (const summary of manifest.cases) {
      let chainFailures: Awaited<ReturnType<typeof verifyEventChain>>;
      try {
        chainFailures = await verifyEventChain(groups.get(summary.caseId) ?? [], summary.eventChainHead);
      } catch {
        failures.push(`events.jsonl: case ${summary.caseId}: events cannot be canonicalised`);
        continue;
      }
      for (const f of chainFailures) {
        failures.push(`events.jsonl: case ${summary.caseId} seq ${f.seq}: ${f.problem} — ${f.detail}`);
      }
    }
    const known = new Set(manifest.cases.map((c) => c.caseId));
    for (const caseId of groups.keys()) {
      if (!known.has(caseId)) {
        failures.push(`events.jsonl: events of case ${caseId} are not in the manifest`);
      }
    }
  }
  if ((await packChainHead(manifest.cases)) !== manifest.eventChainHead) {
    failures.push('manifest.json: eventChainHead does not match the case chain heads');
  }
  return { ok: failures.length === 0, failures, checkedFiles: checked };
}
