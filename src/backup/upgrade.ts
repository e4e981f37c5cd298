/**
 * @module Records of a backup written under an older database schema, brought to the current one before they
 * are parsed. Mirrors the record changes of src/store/migrations/ (self-contained like them: the old shapes are
 * written out here, so later app changes cannot change what an old backup becomes). Index-only versions need
 * nothing. A version that changes records adds a step here, and a test with a backup of the version before.
 */
import type { RecordTable } from '@/src/backup/format';

type Upgrade = (table: RecordTable, record: Record<string, unknown>) => void;

/** Step from version N to N + 1, keyed by N. */
const STEPS: Readonly<Record<number, Upgrade>> = {
  // 3 → 4 (migrations/004-case-merge-and-notes): cases gain `mergedInto` and `notesText`; none was merged and
  // no note existed before version 4.
  3: (table, record) => {
    if (table === 'cases') {
      record.mergedInto ??= null;
      record.notesText ??= '';
    }
  },
};

/** `value` (a record parsed from a line) as schema `latest` stores it; other values pass through for Zod to refuse. */
export function upgradeRecord(table: RecordTable, value: unknown, fromVersion: number, latest: number): unknown {
  if (fromVersion >= latest || typeof value !== 'object' || value === null || Array.isArray(value)) {
    return value;
  }
  const record: Record<string, unknown> = { ...value };
  for (let version = fromVersion; version < latest; version++) {
    STEPS[version]?.(table, record);
  }
  return record;
}
