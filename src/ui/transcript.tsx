/**
 * @module A chat transcript as text: every message with who wrote it, the time shown and when 留证 first
 * saw it; edits show their first version, recalls are flagged with the original text. Captured text is
 * rendered by React as text — never parsed as markup, never run; image and file URLs are shown, not loaded.
 */
import type { ReactNode } from 'react';
import type { ChatMessageRecord } from '@/src/store/records';
import { useT } from '@/src/ui/language';

/** Groups messages by chat, each in conversation order. */
export function groupChats(messages: readonly ChatMessageRecord[]): { chatKey: string; widget: string; messages: ChatMessageRecord[] }[] {
  const chats = new Map<string, ChatMessageRecord[]>();
  for (const m of messages) {
    chats.set(m.chatKey, [...(chats.get(m.chatKey) ?? []), m]);
  }
  return [...chats.entries()].map(([chatKey, list]) => ({ chatKey, widget: list[0]?.widget ?? '', messages: list.sort((a, b) => a.position - b.position) }));
}

/** The transcripts of `messages`; with `moveTargets`, each chat can be moved to another case. */
export function Transcript({
  messages,
  moveTargets,
  onMove,
}: {
  messages: readonly ChatMessageRecord[];
  moveTargets?: { id: string; title: string }[];
  onMove?: (chatKey: string, caseId: string) => void;
}): ReactNode {
  const { t } = useT();
  if (messages.length === 0) {
    return <p className="muted">{t('noMessages')}</p>;
  }
  return (
    <>
      {groupChats(messages).map((chat) => (
        <section key={chat.chatKey} className="batch" data-testid="transcript">
          <div className="muted" style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {chat.widget} · {chat.messages[0]?.frameUrl}
          </div>
          {moveTargets !== undefined && moveTargets.length > 0 && onMove !== undefined ? (
            <label style={{ fontSize: 12 }}>
              {t('moveChat')}
              <select
                value=""
                onChange={(e) => {
                  if (e.target.value !== '') {
                    onMove(chat.chatKey, e.target.value);
                  }
                }}
              >
                <option value="">—</option>
                {moveTargets.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.title}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <ol style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {chat.messages.map((m) => (
              <li key={m.id} data-testid="transcript-message" data-role={m.role} style={{ padding: '4px 0', borderTop: '1px solid var(--border)', textAlign: m.role === 'customer' ? 'right' : 'left' }}>
                <div className="muted" style={{ fontSize: 12 }}>
                  {t(`role_${m.role}`)} · {m.shownTime ?? '—'} · <time dateTime={m.firstSeenAt}>{m.firstSeenAt}</time>
                </div>
                <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} className={m.recalled ? 'error' : undefined}>
                  {m.kind === 'image' ? `${t('imageAt')}${m.url ?? ''} ` : null}
                  {m.kind === 'file' ? t('fileNamed') : null}
                  {m.text}
                  {m.kind === 'link' && m.url !== null && !m.text.includes(m.url) ? ` <${m.url}>` : null}
                </div>
                {m.versions.length > 0 ? (
                  <div className="muted" style={{ fontSize: 12 }}>
                    {t('edited')}
                    {m.versions[0]?.text}
                  </div>
                ) : null}
                {m.recalled ? (
                  <div className="error" style={{ fontSize: 12 }}>
                    {t('recalled')}
                    {m.recallNotice !== null ? ` · ${m.recallNotice}` : ''}
                  </div>
                ) : null}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
