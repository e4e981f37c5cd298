/**
 * @module Sobot 智齿: iframe#zhichiIframe (or window.open) → www.sobot.com/chat/pc/index.html?sysNum=…,
 * mobile /chat/h5/; inner DOM unverified, so the generic two-sided reader runs there.
 */
import { createGenericAdapter } from '@/src/chat/generic';

/** Sobot's chat page. */
export const sobotAdapter = createGenericAdapter('sobot', (url) => /^https?:\/\/([a-z0-9-]+\.)*sobot\.com\/chat\//i.test(url));
