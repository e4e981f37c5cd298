/**
 * @module Meiqia 美洽: #MEIQIA-PANEL-HOLDER > iframe#MEIQIA-IFRAME loads a cross-origin chat page; its
 * inner DOM is unverified, so the generic two-sided reader runs in that frame.
 */
import { createGenericAdapter } from '@/src/chat/generic';

/** Meiqia's chat page (meiqia.com and its static/chat hosts mstatik.com, chatlink.*). */
export const meiqiaAdapter = createGenericAdapter('meiqia', (url) => /^https?:\/\/([a-z0-9-]+\.)*(meiqia\.com|mstatik\.com)\//i.test(url));
