/**
 * @module Udesk: #udesk_container iframe or a window on <company>.udesk.cn/im_client/?web_plugin_id=N;
 * inner DOM unverified, so the generic two-sided reader runs there.
 */
import { createGenericAdapter } from '@/src/chat/generic';

/** Udesk's im_client page. */
export const udeskAdapter = createGenericAdapter('udesk', (url) => /^https?:\/\/([a-z0-9-]+\.)*udesk\.cn\/im_client\//i.test(url));
