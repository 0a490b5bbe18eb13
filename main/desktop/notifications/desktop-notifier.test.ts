/**
 * The desktop shell's notifications with `electron` mocked, fed by a real core: the renderer's part (pass
 * this agent's notification events to the preload) is played by a client session on an in-memory channel.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventFrame } from '../../contract';
import { BatonCore } from '../../core/baton-core';
import { memoryChannel, ScriptedConnector, until, waitingConversation } from '../../core/test-support';
import * as fake from '../testing/fake-electron';
import { DesktopNotifier } from './desktop-notifier';
import { NotificationChannel, parseNotificationEvent, registerNotificationIpc } from './notification-ipc';

vi.mock('electron', () => import('../testing/fake-electron'));

async function desktop() {
  const window = new fake.FakeBrowserWindow({});
  const opened: string[] = [];
  const notifier = new DesktopNotifier({
    getWindow: () => window as never,
    onOpen: (id) => opened.push(id),
    quit: () => {},
  });
  notifier.createTray();
  const dispose = registerNotificationIpc({ getWindow: () => window as never, notifier });

  const core = new BatonCore({ log: () => {} });
  const connector = new ScriptedConnector();
  await core.addWorkspace(
    { id: 'w', platform: 'certainly', displayName: 'Shop', baseUrl: 'http://127.0.0.1:1', demo: false },
    connector,
  );
  // The renderer: says hello as Alice and hands her notification events to the preload's `notify`.
  const client = memoryChannel();
  core.attach(client.channel);
  let meId = '';
  const forwarded = () =>
    (client.received as EventFrame[])
      .filter((f) => f.kind === 'event' && f.event.type.startsWith('notification.'))
      .map((f) => f.event);
  let sent = 0;
  const pump = () => {
    const events = forwarded();
    for (; sent < events.length; sent++) {
      const event = events[sent];
      if (event && 'agentId' in event && event.agentId === meId) {
        fake.ipcMain.emit(
          NotificationChannel.Notify,
          { sender: window.webContents, senderFrame: window.webContents.mainFrame },
          event,
        );
      }
    }
  };
  client.deliver({
    kind: 'request',
    id: 'h',
    method: 'session.hello',
    params: { protocol: 1, agentName: 'Alice' },
  });
  await until(() => client.received.length > 0);
  meId = 'agent:alice';
  return {
    window,
    notifier,
    core,
    connector,
    pump,
    opened,
    dispose,
    settle: () => new Promise((r) => setTimeout(r, 0)),
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  fake.FakeNotification.instances.length = 0;
  fake.FakeNotification.supported = true;
  fake.FakeTray.instances.length = 0;
});

describe('desktop notifications', () => {
  it('a waiting conversation raises exactly one notification and sets the badge; taking it over clears both', async () => {
    const t = await desktop();
    t.connector.sink?.conversation(waitingConversation('c1', 'Maya Patel'));
    t.connector.sink?.messages('c1', [
      {
        platformMessageId: 'm1',
        role: 'customer',
        content: { type: 'text', text: 'My order never came' },
        at: '2026-11-21T10:00:00.000Z',
      },
    ]);
    await t.settle();
    t.pump();

    expect(fake.FakeNotification.instances).toHaveLength(1);
    const shown = fake.FakeNotification.instances[0];
    expect(shown?.options).toMatchObject({
      title: 'Maya Patel is waiting · Certainly',
      body: 'My order never came',
      silent: false,
    });
    expect(shown?.shown).toBe(true);
    expect(fake.app.setBadgeCount).toHaveBeenLastCalledWith(1);
    expect(fake.FakeTray.instances[0]?.tooltip).toBe('Baton · 1 waiting for an agent');
    expect(t.window.flashFrame).toHaveBeenCalledWith(true);

    // More events about the same wait (the customer writes again) raise nothing new.
    t.connector.sink?.messages('c1', [
      {
        platformMessageId: 'm2',
        role: 'customer',
        content: { type: 'text', text: 'Hello?' },
        at: '2026-11-21T10:00:05.000Z',
      },
    ]);
    await t.settle();
    t.pump();
    expect(fake.FakeNotification.instances).toHaveLength(1);

    await t.core.perform(
      { id: 'agent:alice', name: 'Alice' },
      { type: 'takeOver', actionId: 'a1', conversationId: 'w:c1' },
    );
    // The console marks the conversation it shows read.
    t.core.markRead('w:c1');
    await t.settle();
    t.pump();
    expect(shown?.close).toHaveBeenCalledOnce();
    expect(fake.app.setBadgeCount).toHaveBeenLastCalledWith(0);
    expect(fake.FakeTray.instances[0]?.tooltip).toBe('Baton · nobody waiting');
    expect(fake.FakeNotification.instances).toHaveLength(1);
    t.dispose();
    await t.core.close();
  });

  it('clicking a notification shows the window and opens the conversation', async () => {
    const t = await desktop();
    t.window.minimized = true;
    t.connector.sink?.conversation(waitingConversation('c2', 'Liam'));
    await t.settle();
    t.pump();
    fake.FakeNotification.instances[0]?.emit('click');
    expect(t.window.restore).toHaveBeenCalled();
    expect(t.window.show).toHaveBeenCalled();
    expect(t.opened).toEqual(['w:c2']);
    t.dispose();
    await t.core.close();
  });

  it('ignores notification events from another sender or of the wrong shape', async () => {
    const window = new fake.FakeBrowserWindow({});
    const notifier = new DesktopNotifier({
      getWindow: () => window as never,
      onOpen: () => {},
      quit: () => {},
    });
    const dispose = registerNotificationIpc({ getWindow: () => window as never, notifier });
    const raised = {
      type: 'notification.raised',
      agentId: 'agent:a',
      conversationId: 'w:1',
      customerName: 'X',
      platform: 'dialai',
      firstWords: 'hi',
      repeat: false,
      sound: true,
      at: '2026-11-21T10:00:00.000Z',
    };
    const other = new fake.FakeWebContents();
    fake.ipcMain.emit(NotificationChannel.Notify, { sender: other, senderFrame: other.mainFrame }, raised);
    fake.ipcMain.emit(
      NotificationChannel.Notify,
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      { ...raised, platform: 'nope' },
    );
    fake.ipcMain.emit(
      NotificationChannel.Notify,
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      { type: 'message.added' },
    );
    expect(fake.FakeNotification.instances).toHaveLength(0);
    expect(parseNotificationEvent(raised)).not.toBeNull();
    fake.ipcMain.emit(
      NotificationChannel.Notify,
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      raised,
    );
    expect(fake.FakeNotification.instances).toHaveLength(1);
    dispose();
  });

  it('tells the window when the machine locks or sleeps and when it is back', () => {
    const window = new fake.FakeBrowserWindow({});
    const notifier = new DesktopNotifier({
      getWindow: () => window as never,
      onOpen: () => {},
      quit: () => {},
    });
    const dispose = registerNotificationIpc({ getWindow: () => window as never, notifier });
    fake.powerMonitor.emit('lock-screen');
    fake.powerMonitor.emit('resume');
    expect(window.webContents.send.mock.calls).toEqual([
      [NotificationChannel.PowerChange, 'locked'],
      [NotificationChannel.PowerChange, 'unlocked'],
    ]);
    dispose();
    fake.powerMonitor.emit('suspend');
    expect(window.webContents.send).toHaveBeenCalledTimes(2);
  });

  it('a silent setting makes a silent notification', () => {
    const window = new fake.FakeBrowserWindow({});
    const notifier = new DesktopNotifier({
      getWindow: () => window as never,
      onOpen: () => {},
      quit: () => {},
    });
    notifier.handle({
      type: 'notification.raised',
      agentId: 'agent:a',
      conversationId: 'w:1',
      customerName: 'Noor',
      platform: 'directline',
      firstWords: 'hi',
      repeat: true,
      sound: false,
      at: '2026-11-21T10:00:00.000Z',
    });
    expect(fake.FakeNotification.instances[0]?.options).toMatchObject({
      title: 'Noor is still waiting · Direct Line',
      silent: true,
    });
  });
});
