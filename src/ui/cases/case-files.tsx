/**
 * @module The user's own files (a payment screenshot, a bank statement PDF): chosen with a file input,
 * hashed with WebCrypto and stored as a `file` capture with a `file-attached` event (store/workspace-repo.ts).
 * The file's name is shown as text and never becomes a path.
 */
import { useId, useState, type ChangeEvent, type ReactNode } from 'react';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import { attachFile } from '@/src/store/workspace-repo';
import { useT } from '@/src/ui/language';

/** The file input and what it stored. */
export function CaseFiles({ caseId, onChanged }: { caseId: string; onChanged: () => void }): ReactNode {
  const { t } = useT();
  const inputId = useId();
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function attach(event: ChangeEvent<HTMLInputElement>): Promise<void> {
    const input = event.currentTarget;
    const files = [...(input.files ?? [])];
    if (files.length === 0) {
      return;
    }
    setBusy(true);
    setStatus({ ok: true, text: t('attaching') });
    try {
      const names: string[] = [];
      for (const file of files) {
        await attachFile(getDb(), caseId, { name: file.name, mime: file.type, data: new Uint8Array(await file.arrayBuffer()) }, evidenceTime());
        names.push(file.name);
      }
      setStatus({ ok: true, text: t('fileAttached', { name: names.join('、') }) });
      onChanged();
    } catch (e) {
      setStatus({ ok: false, text: `${t('operationFailed')}${e instanceof Error ? e.message : String(e)}` });
    } finally {
      input.value = '';
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${inputId}-h`}>
      <h3 id={`${inputId}-h`}>{t('myFiles')}</h3>
      <label htmlFor={inputId}>{t('attachFile')}</label>{' '}
      <input id={inputId} type="file" multiple disabled={busy} onChange={(e) => void attach(e)} data-testid="attach-file" />
      {status !== null ? (
        <p className={status.ok ? 'ok' : 'error'} role={status.ok ? 'status' : 'alert'} data-testid="attach-status">
          {status.text}
        </p>
      ) : null}
    </section>
  );
}
