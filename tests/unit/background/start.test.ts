import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const captureTab = vi.fn(() => Promise.resolve({ ok: true }));
vi.mock('@/src/background/capture', () => ({ captureTab }));
const rebuildReminders = vi.fn(() => Promise.resolve());
vi.mock('@/src/background/reminders', () => ({ rebuildReminders, REMINDER_ALARM: 'reminders-next' }));

type CommandListener = (command: string, tab?: { id?: number }) => void;
let onCommand: CommandListener = () => undefined;

const { startBackground } = await import('@/src/background/start');

describe('background wiring', () => {
  beforeAll(() => {
    // fake-browser has no commands API: capture the listener the background registers.
    Object.assign(fakeBrowser.commands.onCommand, {
      addListener: (listener: CommandListener) => {
        onCommand = listener;
      },
    });
    // Registered once, like the real service worker (the messenger allows one handler per message type).
    startBackground();
  });
  beforeEach(() => {
    captureTab.mockClear();
    rebuildReminders.mockClear();
  });

  it('captures the active tab on the keyboard shortcut, and ignores other commands', () => {
    onCommand('something-else', { id: 7 });
    expect(captureTab).not.toHaveBeenCalled();
    onCommand('capture-page', { id: 7 });
    expect(captureTab).toHaveBeenCalledWith(7);
  });

  it('rebuilds reminders from the database on install, startup and the reminders alarm', async () => {
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await fakeBrowser.runtime.onStartup.trigger();
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'reminders-next', scheduledTime: Date.now(), persistAcrossSessions: true });
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'unrelated', scheduledTime: Date.now(), persistAcrossSessions: true });
    expect(rebuildReminders).toHaveBeenCalledTimes(3);
  });

  it('opens the case when a reminder notification is clicked', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    await fakeBrowser.notifications.onClicked.trigger('case|case-42|report-problem-48h@2026-11-22T21:05:33+08:00|before-2h');
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]?.[0].url).toContain('/cases.html#case-42');
  });
});
