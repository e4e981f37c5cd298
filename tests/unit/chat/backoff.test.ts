// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POLL_BACKOFF_MS, RootScope, WIDGET_ADAPTERS } from '@/src/chat/index';
import { ProbeLookup } from '@/src/chat/probe';
import { el, watch } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

/** A news-like page: many ordinary nodes and an ad slot whose content the page replaces every 500 ms. */
function newsPage(): () => void {
  for (let i = 0; i < 50; i += 1) {
    const story = el('article', 'story');
    story.append(el('h2', 'headline', `Headline ${i}`), el('p', 'summary', `Summary ${i}`));
    document.body.append(story);
  }
  const ad = el('div', 'ad-slot');
  document.body.append(ad);
  let n = 0;
  const timer = setInterval(() => {
    n += 1;
    ad.replaceChildren(el('a', 'ad-link', `Ad ${n}`));
  }, 500);
  return () => clearInterval(timer);
}

/** Fills a typebot-style shadow root with a short conversation. */
function typebotChat(host: Element): void {
  const root = host.attachShadow({ mode: 'open' });
  const view = document.createElement('div');
  // .typebot-chat-view is where the typebot adapter reads its rows.
  view.className = 'typebot-chat-view';
  view.append(el('div', 'typebot-guest-bubble', '话费没到账'));
  root.append(view);
}

describe('watcher cost and backoff', () => {
  it('backs off its full re-checks and ignores mutations without chat signals', async () => {
    const stopAds = newsPage();
    const refresh = vi.spyOn(RootScope.prototype, 'refresh');
    const probe = vi.spyOn(ProbeLookup.prototype, 'matches');
    const h = watch(600_000);
    await vi.advanceTimersByTimeAsync(60_000);
    // At start, then after 1, 2, 5, 10 and 20 s of pause (t = 0, 1, 3, 8, 18, 38 s); the next is at 68 s.
    expect(POLL_BACKOFF_MS.slice(0, 5)).toEqual([1_000, 2_000, 5_000, 10_000, 20_000]);
    expect(refresh).toHaveBeenCalledTimes(6);
    // 120 ad rotations ran no detection: adapters were only probed by the full re-checks.
    expect(probe).toHaveBeenCalledTimes(6 * WIDGET_ADAPTERS.length);
    h.controller.abort();
    stopAds();
    expect(await h.widget).toBeNull();
  });

  it('still finds a chat that appears late inside a shadow root, sooner after a new custom element', async () => {
    const first = el('typebot-standard');
    document.body.append(first);
    const h = watch(600_000);
    let found: { widget: string } | null = null;
    void h.widget.then((value) => {
      found = value;
    });
    // attachShadow leaves no mutation record: the backed-off poll (30 s at most by now) catches it.
    await vi.advanceTimersByTimeAsync(45_000);
    typebotChat(first);
    await vi.advanceTimersByTimeAsync(POLL_BACKOFF_MS.at(-1) ?? 30_000);
    expect(found).toEqual({ widget: 'typebot' });
    h.controller.abort();
  });

  it('restarts the fast re-checks when a custom element appears', async () => {
    const h = watch(600_000);
    let found: { widget: string } | null = null;
    void h.widget.then((value) => {
      found = value;
    });
    await vi.advanceTimersByTimeAsync(100_000);
    const late = el('typebot-bubble');
    document.body.append(late);
    await vi.advanceTimersByTimeAsync(500);
    typebotChat(late);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(found).toEqual({ widget: 'typebot' });
    h.controller.abort();
  });

  it('gives up after the wait even while pausing long between re-checks', async () => {
    const h = watch(50_000);
    let settled = false;
    void h.widget.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(50_010);
    expect(settled).toBe(true);
    expect(await h.widget).toBeNull();
  });
});
