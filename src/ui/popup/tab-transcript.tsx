/** @module The chat saved on the current tab: the latest messages, as text, in the popup. */
import { useEffect, useState, type ReactNode } from 'react';
import { getDb } from '@/src/store/db';
import type { ChatMessageRecord } from '@/src/store/records';
import { useT } from '@/src/ui/language';
import { Transcript } from '@/src/ui/transcript';

/** How many of the newest messages the popup shows (the cases page shows all). */
const SHOWN = 8;

/** The newest saved messages of chats seen on `pageUrl`. */
export function TabTranscript({ pageUrl }: { pageUrl: string }): ReactNode {
  const { t } = useT();
  const [messages, setMessages] = useState<ChatMessageRecord[]>([]);
  useEffect(() => {
    void getDb()
      .messages.where('pageUrl')
      .equals(pageUrl)
      .toArray()
      .then((list) => setMessages(list.sort((a, b) => a.position - b.position).slice(-SHOWN)));
  }, [pageUrl]);
  if (messages.length === 0) {
    return null;
  }
  return (
    <section className="card" aria-labelledby="tab-chat-heading" data-testid="popup-transcript">
      <h2 id="tab-chat-heading" style={{ fontSize: 14, margin: '0 0 6px' }}>
        {t('chats')}
      </h2>
      <Transcript messages={messages} />
    </section>
  );
}
