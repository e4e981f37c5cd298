'use strict';
/**
 * Stands in for the `setimmediate` polyfill that JSZip requires, in the extension build only (see
 * scripts/vite/jszip-for-extension.ts). JSZip calls the global setImmediate once per 16 KiB of every entry —
 * 6,400 times for a 100 MB pack. The polyfill turns each call into a window.postMessage task (~0.2 ms apiece in
 * Chromium, ~200 ms per 100 MB measured); here queued callbacks run back to back for up to {@link SLICE_MS}, then
 * the page gets the event loop back (progress bar, clicks) through one MessageChannel message. Order is FIFO, as
 * setImmediate promises. A setImmediate already present (Node) is left alone.
 */
const SLICE_MS = 8;

if (typeof globalThis.setImmediate !== 'function') {
  const queue = [];
  const channel = new MessageChannel();
  let scheduled = false;
  let nextHandle = 1;

  const schedule = () => {
    if (!scheduled && queue.length > 0) {
      scheduled = true;
      channel.port2.postMessage(null);
    }
  };
  channel.port1.onmessage = () => {
    scheduled = false;
    const until = performance.now() + SLICE_MS;
    try {
      while (queue.length > 0 && performance.now() < until) {
        const task = queue.shift();
        if (!task.cancelled) {
          task.callback(...task.args);
        }
      }
    } finally {
      // A callback that throws surfaces as an uncaught error, as with setImmediate; the rest still run.
      schedule();
    }
  };

  globalThis.setImmediate = function setImmediate(callback, ...args) {
    const handle = nextHandle++;
    queue.push({ handle, callback, args, cancelled: false });
    schedule();
    return handle;
  };
  globalThis.clearImmediate = function clearImmediate(handle) {
    const task = queue.find((t) => t.handle === handle);
    if (task !== undefined) {
      task.cancelled = true;
    }
  };
}
