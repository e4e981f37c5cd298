/**
 * @module The backup page: a full extension tab (a long restore must not die with a popup) that writes the whole
 * database to one file through the browser's downloads, and restores such a file with a progress bar and a report
 * of what was imported, skipped or rejected and why. The work is src/backup's; this page only wires it.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { writeBackup, type BackupResult } from '@/src/backup/export';
import { NOTIFIED_KEY, pickSettings } from '@/src/backup/format';
import { restoreBackup, type CaseOutcomeKind, type ProblemCode, type RejectReason, type RestoreReport } from '@/src/backup/import';
import { messenger } from '@/src/messaging/protocol';
import { SETTINGS_KEY } from '@/src/settings/schema';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import { downloadWatched } from '@/src/ui/download';
import type { MessageKey } from '@/src/ui/i18n';
import { useT } from '@/src/ui/language';
import { LanguagePicker } from '@/src/ui/page-tools';

const OUTCOME_LABEL: Record<CaseOutcomeKind, MessageKey> = {
  imported: 'outcome_imported',
  extended: 'outcome_extended',
  'already-present': 'outcome_already_present',
  'newer-here': 'outcome_newer_here',
  rejected: 'outcome_rejected',
};

const REJECT_LABEL: Record<RejectReason, MessageKey> = {
  diverged: 'reject_diverged',
  'same-order-other-case': 'reject_same_order',
  'record-conflict': 'reject_record_conflict',
};

const PROBLEM_LABEL: Record<ProblemCode, MessageKey> = {
  unreadable: 'problem_unreadable',
  'not-backup': 'problem_not_backup',
  'newer-format': 'problem_newer_format',
  'newer-schema': 'problem_newer_schema',
  'older-schema': 'problem_older_schema',
  'damaged-manifest': 'problem_damaged_manifest',
  'missing-entry': 'problem_missing_entry',
  'unlisted-entry': 'problem_unlisted_entry',
  'hash-mismatch': 'problem_hash_mismatch',
  'bad-json': 'problem_bad_json',
  'invalid-record': 'problem_invalid_record',
  'duplicate-record': 'problem_duplicate_record',
  'count-mismatch': 'problem_count_mismatch',
  'broken-reference': 'problem_broken_reference',
  'broken-chain': 'problem_broken_chain',
  'capture-event-mismatch': 'problem_capture_event_mismatch',
  'profile-changed': 'problem_profile_changed',
  'write-failed': 'problem_write_failed',
};

type Phase = 'backup' | 'check' | 'blobs' | 'write';
const PHASE_LABEL: Record<Phase, MessageKey> = {
  backup: 'backingUp',
  check: 'restorePhase_check',
  blobs: 'restorePhase_blobs',
  write: 'restorePhase_write',
};

/** The backup page. */
export function BackupApp(): ReactNode {
  const { t } = useT();
  const [progress, setProgress] = useState<{ phase: Phase; done: number; total: number } | null>(null);
  const [backup, setBackup] = useState<{ result: BackupResult; url: string } | null>(null);
  const [report, setReport] = useState<RestoreReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [interrupted, setInterrupted] = useState<string | null>(null);

  useEffect(() => () => {
    if (backup !== null) {
      URL.revokeObjectURL(backup.url);
    }
  }, [backup]);

  async function runBackup(): Promise<void> {
    setError(null);
    setInterrupted(null);
    setReport(null);
    setBackup(null);
    setProgress({ phase: 'backup', done: 0, total: 1 });
    try {
      const stored: Record<string, unknown> = await browser.storage.local.get([SETTINGS_KEY, NOTIFIED_KEY]);
      const result = await writeBackup({
        db: getDb(),
        settings: pickSettings(stored),
        now: evidenceTime(),
        generator: `留证 ${browser.runtime.getManifest().version}`,
        onProgress: (done, total) => setProgress({ phase: 'backup', done, total }),
      });
      const url = URL.createObjectURL(result.file);
      setBackup({ result, url });
      await downloadWatched(url, result.fileName, setInterrupted);
    } catch (e) {
      setError(`${t('backupFailed')}${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setProgress(null);
    }
  }

  async function runRestore(file: File): Promise<void> {
    setError(null);
    setReport(null);
    setBackup(null);
    setProgress({ phase: 'check', done: 0, total: 1 });
    try {
      const db = getDb();
      const current: Record<string, unknown> = await browser.storage.local.get([SETTINGS_KEY, NOTIFIED_KEY]);
      const result = await restoreBackup({ db, file, currentSettings: current, onProgress: (phase, done, total) => setProgress({ phase, done, total }) });
      if (result.ok) {
        await browser.storage.local.set(result.settings);
        // Restored cases have deadlines: the background recomputes them and the reminder alarm now.
        await messenger.sendMessage('casesChanged', { caseIds: [] });
      }
      setReport(result);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  }

  const busy = progress !== null;
  return (
    <main style={{ maxWidth: 760, margin: '24px auto', padding: '0 16px' }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, justifyContent: 'space-between', alignItems: 'baseline' }}>
        <h1>{t('backupTitle')}</h1>
        <span className="page-tools">
          <LanguagePicker />
        </span>
      </div>
      <p className="muted">{t('backupIntro')}</p>

      <section style={{ margin: '16px 0' }}>
        <button type="button" className="primary" style={{ width: 'auto' }} disabled={busy} onClick={() => void runBackup()} data-testid="start-backup">
          {progress?.phase === 'backup' ? t('backingUp') : t('backupAll')}
        </button>
        {interrupted !== null ? (
          <p className="error" role="alert" data-testid="backup-download-interrupted">
            {t('backupDownloadInterrupted', { reason: interrupted })}
          </p>
        ) : null}
        {backup !== null ? (
          <p className="ok" role="status" data-testid="backup-done">
            {t('backupDone')}
            <a href={backup.url} download={backup.result.fileName}>
              {backup.result.fileName}
            </a>{' '}
            · {t('backupCounts', { ...backup.result.manifest.counts })}
          </p>
        ) : null}
      </section>

      <section style={{ margin: '16px 0' }}>
        <h2 style={{ fontSize: 16 }}>
          <label htmlFor="restore-file">{t('restoreFrom')}</label>
        </h2>
        <p className="muted">{t('restoreHint')}</p>
        <input
          id="restore-file"
          type="file"
          accept=".zip,application/zip"
          disabled={busy}
          data-testid="restore-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            // Cleared at once so choosing the same file again (after a fix) triggers another restore.
            e.target.value = '';
            if (file !== undefined) {
              void runRestore(file);
            }
          }}
        />
      </section>

      {progress !== null ? (
        <p role="status">
          {t(PHASE_LABEL[progress.phase])} <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label={t(PHASE_LABEL[progress.phase])} />
        </p>
      ) : null}
      {error !== null ? (
        <p className="error" role="alert" data-testid="backup-error">
          {error}
        </p>
      ) : null}
      {report !== null ? <RestoreResult report={report} /> : null}
    </main>
  );
}

/** What a restore did, or why it did nothing. All detail strings come from the file: shown as text only. */
function RestoreResult({ report }: { report: RestoreReport }): ReactNode {
  const { t } = useT();
  if (!report.ok) {
    return (
      <section className="error" role="alert" data-testid="restore-refused">
        <p>{t('restoreRefused')}</p>
        <ul>
          {report.problems.map((problem, i) => (
            <li key={i} data-testid="restore-problem" data-code={problem.code}>
              {t(PROBLEM_LABEL[problem.code])}: <code>{problem.detail}</code>
            </li>
          ))}
        </ul>
        {report.moreProblems > 0 ? <p>{t('restoreMoreProblems', { n: report.moreProblems })}</p> : null}
      </section>
    );
  }
  return (
    <section role="status" data-testid="restore-done">
      <p className="ok">
        {t('restoreDone')}
        {t('backupCounts', { ...report.imported })}
      </p>
      {report.backupCreatedAt !== null ? <p className="muted">{t('restoreBackupOf', { time: report.backupCreatedAt })}</p> : null}
      <ul>
        {report.cases.map((c) => (
          <li key={c.caseId} data-testid="restore-case" data-outcome={c.outcome}>
            <strong>{c.title}</strong> — {t(OUTCOME_LABEL[c.outcome])}
            {c.reason !== null ? `: ${t(REJECT_LABEL[c.reason])}` : ''}
            {c.detail !== '' ? <span className="muted"> ({c.detail})</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
