import { afterEach, describe, expect, it, vi } from 'vitest';

type Delta = { id: number; state?: { current?: string }; error?: { current?: string } };
type Item = { id: number; state: string; error?: string };

/** A downloads API whose events and stored states the test drives by hand. */
const downloads = vi.hoisted(() => {
  const listeners = new Set<(delta: Delta) => void>();
  const state = { item: undefined as Item | undefined, onDownload: (): void => {} };
  return {
    state,
    listeners,
    emit(delta: Delta): void {
      for (const listener of [...listeners]) {
        listener(delta);
      }
    },
    api: {
      download: (): Promise<number> => {
        try {
          state.onDownload();
          return Promise.resolve(7);
        } catch (e) {
          return Promise.reject(e instanceof Error ? e : new Error(String(e)));
        }
      },
      search: ({ id }: { id: number }): Promise<Item[]> => Promise.resolve(state.item?.id === id ? [state.item] : []),
      onChanged: {
        addListener: (listener: (delta: Delta) => void) => listeners.add(listener),
        removeListener: (listener: (delta: Delta) => void) => listeners.delete(listener),
      },
    },
  };
});
vi.mock('wxt/browser', () => ({ browser: { downloads: downloads.api } }));
const { downloadWatched } = await import('@/src/ui/download');

afterEach(() => {
  vi.useRealTimers();
  downloads.listeners.clear();
  downloads.state.onDownload = () => {};
  downloads.state.item = undefined;
});

describe('downloadWatched', () => {
  it('reports an interruption that happens while download() is still answering', async () => {
    const interrupted = vi.fn();
    downloads.state.onDownload = () => {
      downloads.state.item = { id: 7, state: 'in_progress' };
      downloads.emit({ id: 7, state: { current: 'interrupted' }, error: { current: 'FILE_FAILED' } });
    };
    const watched = await downloadWatched('blob:x', 'pack.zip', interrupted);
    expect(interrupted).toHaveBeenCalledWith('FILE_FAILED');
    await expect(watched.finished).resolves.toBe('interrupted');
    expect(downloads.listeners.size).toBe(0);
  });

  it('reports an interruption whose event never arrives, by reading the state again', async () => {
    vi.useFakeTimers();
    const interrupted = vi.fn();
    downloads.state.item = { id: 7, state: 'in_progress' };
    await downloadWatched('blob:x', 'pack.zip', interrupted);
    expect(interrupted).not.toHaveBeenCalled();
    downloads.state.item = { id: 7, state: 'interrupted', error: 'USER_CANCELED' };
    await vi.advanceTimersByTimeAsync(1_000);
    expect(interrupted).toHaveBeenCalledExactlyOnceWith('USER_CANCELED');
    // Settled: no more reads, no listener left.
    expect(vi.getTimerCount()).toBe(0);
    expect(downloads.listeners.size).toBe(0);
  });

  it('says nothing of a download that completes, and reports once when both event and read see the interruption', async () => {
    vi.useFakeTimers();
    const quiet = vi.fn();
    downloads.state.item = { id: 7, state: 'in_progress' };
    const completing = await downloadWatched('blob:x', 'pack.zip', quiet);
    let finished: string | null = null;
    void completing.finished.then((state) => {
      finished = state;
    });
    downloads.emit({ id: 8, state: { current: 'interrupted' } });
    await vi.advanceTimersByTimeAsync(0);
    // Another download's end is not this one's.
    expect(finished).toBeNull();
    downloads.state.item = { id: 7, state: 'complete' };
    downloads.emit({ id: 7, state: { current: 'complete' } });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(quiet).not.toHaveBeenCalled();
    expect(finished).toBe('complete');

    const once = vi.fn();
    downloads.state.item = { id: 7, state: 'in_progress' };
    await downloadWatched('blob:x', 'pack.zip', once);
    downloads.state.item = { id: 7, state: 'interrupted', error: 'NETWORK_FAILED' };
    downloads.emit({ id: 7, state: { current: 'interrupted' }, error: { current: 'NETWORK_FAILED' } });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(once).toHaveBeenCalledTimes(1);
  });

  it('lets a refused download() call throw, listening no more', async () => {
    downloads.state.onDownload = () => {
      throw new Error('Invalid URL');
    };
    await expect(downloadWatched('blob:x', 'pack.zip', vi.fn())).rejects.toThrow('Invalid URL');
    expect(downloads.listeners.size).toBe(0);
  });
});
