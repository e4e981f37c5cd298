/**
 * @module The metadata item of a capture: where, when, with what, and the hashes of the other items of
 * the same click, so the metadata file alone ties the batch together.
 */
import canonicalize from 'canonicalize';
import type { EvidenceTime } from '@/src/shared/time';

/** Inputs of the metadata item. */
export interface CaptureMetadataInput {
  url: string;
  title: string;
  capturedAt: EvidenceTime;
  browser: { userAgent: string; brands: string[] };
  extension: { name: string; version: string };
  viewport: { width: number; height: number; devicePixelRatio: number } | null;
  page: { width: number; height: number; scrollX: number; scrollY: number } | null;
  items: { kind: string; sha256: string; bytes: number; mime: string; frameUrl: string | null; note: string | null }[];
  problems: { kind: string; message: string }[];
}

/** The metadata document, canonical JSON (RFC 8785) so identical facts give identical bytes. */
export function buildCaptureMetadata(input: CaptureMetadataInput): string {
  const doc = {
    format: 'liuzheng-capture-metadata/1',
    url: input.url,
    title: input.title,
    capturedAt: input.capturedAt.iso,
    capturedAtEpochMs: input.capturedAt.epochMs,
    timeZone: input.capturedAt.timeZone,
    browser: input.browser,
    extension: input.extension,
    viewport: input.viewport,
    page: input.page,
    items: input.items,
    problems: input.problems,
  };
  const text = canonicalize(doc);
  if (text === undefined) {
    throw new Error('capture metadata cannot be serialised');
  }
  return text;
}
