/**
 * @module The user's notes on a case: each note is a `note-added` event (listed from the chain, oldest first)
 * and is shown as text only.
 */
import { useId, useState, type ReactNode, type SyntheticEvent } from 'react';
import { evidenceTime } from '@/src/shared/time';
import { getDb } from '@/src/store/db';
import type { EventRecord } from '@/src/store/records';
import { addNote, MAX_NOTE_LENGTH } from '@/src/store/workspace-repo';
import { useT } from '@/src/ui/language';
import { OperationError } from '@/src/ui/operation-error';

/** Notes of a case and the form to add one (hidden when the case is read-only). */
export function CaseNotes({ caseId, events, readOnly, onChanged }: { caseId: string; events: readonly EventRecord[]; readOnly: boolean; onChanged: () => void }): ReactNode {
  const { t } = useT();
  const inputId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const notes = events.flatMap((e) => {
    const data = e.data;
    const note = e.type === 'note-added' && data !== null && typeof data === 'object' && !Array.isArray(data) ? data.text : undefined;
    return typeof note === 'string' ? [{ seq: e.seq, at: e.at, text: note }] : [];
  });

  async function submit(event: SyntheticEvent): Promise<void> {
    event.preventDefault();
    setError(null);
    try {
      await addNote(getDb(), caseId, text, evidenceTime());
      setText('');
      onChanged();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <section aria-labelledby={`${inputId}-h`}>
      <h3 id={`${inputId}-h`}>{t('notes')}</h3>
      {notes.length === 0 ? (
        <p className="muted">{t('noNotes')}</p>
      ) : (
        <ol className="notes" data-testid="notes">
          {notes.map((n) => (
            <li key={n.seq}>
              <time className="muted" dateTime={n.at} style={{ fontSize: 12 }}>
                {n.at}
              </time>
              <div style={{ whiteSpace: 'pre-wrap' }}>{n.text}</div>
            </li>
          ))}
        </ol>
      )}
      {readOnly ? null : (
        <form onSubmit={(e) => void submit(e)}>
          <label htmlFor={inputId}>{t('noteLabel')}</label>
          <textarea id={inputId} value={text} maxLength={MAX_NOTE_LENGTH} rows={3} style={{ display: 'block', width: '100%', boxSizing: 'border-box' }} onChange={(e) => setText(e.target.value)} data-testid="note-input" />
          <button type="submit" disabled={text.trim() === ''} data-testid="add-note">
            {t('addNote')}
          </button>
          <OperationError error={error} />
        </form>
      )}
    </section>
  );
}
