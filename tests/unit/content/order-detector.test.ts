// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import * as detect from '@/src/detect/index';
import { startOrderDetection } from '@/src/content/order-detector';

/** The parts of WXT's content-script context the detector uses, with real timers. */
function fakeContext(): ContentScriptContext {
  return {
    setTimeout: (handler: () => void, ms: number) => window.setTimeout(handler, ms),
    onInvalidated: () => undefined,
    addEventListener: () => undefined,
  } as unknown as ContentScriptContext;
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  document.body.replaceChildren();
});

describe('order detection on DOM changes', () => {
  it('re-checks the page for late content, but not for messages arriving in the chat being saved', async () => {
    const checks = vi.spyOn(detect, 'detectOrderPage').mockReturnValue(null);
    const chat = document.createElement('div');
    const main = document.createElement('main');
    document.body.append(chat, main);
    const controller = new AbortController();
    startOrderDetection(fakeContext(), document, controller.signal, (node) => chat.contains(node));
    expect(checks).toHaveBeenCalledTimes(1); // the check at start

    for (let i = 0; i < 5; i++) {
      chat.append(Object.assign(document.createElement('p'), { textContent: `订单号 ${i}` }));
      await wait(10);
    }
    await wait(800); // longer than the 700 ms throttle
    expect(checks).toHaveBeenCalledTimes(1);

    main.append(Object.assign(document.createElement('p'), { textContent: '订单详情' }));
    chat.append(document.createElement('p'));
    await wait(800);
    expect(checks).toHaveBeenCalledTimes(2);
    controller.abort();
  });
});
