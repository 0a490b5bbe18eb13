/** The core's side of rich platforms: delivery and read receipts, typing both ways, uploads. */
import { describe, expect, it } from 'vitest';
import type { Agent, CoreEvent, MessageContent } from '../contract';
import { BatonCore } from './baton-core';
import { capabilities, type ConversationRef } from './connector';
import { ScriptedConnector, until, waitingConversation } from './test-support';

const alice: Agent = { id: 'agent:alice', name: 'Alice' };

class RichConnector extends ScriptedConnector {
  override readonly capabilities = capabilities(['handBack', 'typing', 'readReceipts', 'attachments']);
  readonly typed: boolean[] = [];
  readonly read: string[][] = [];
  echoUploadFirst = false;

  async typing(_ref: ConversationRef, active: boolean): Promise<void> {
    this.typed.push(active);
  }
  async markRead(_ref: ConversationRef, ids: string[]): Promise<void> {
    this.read.push(ids);
  }
  async upload(
    ref: ConversationRef,
    _agent: Agent,
    file: { name: string; mimeType: string; data: Buffer },
    messageId: string,
  ) {
    const content: MessageContent = {
      type: 'file',
      url: `http://127.0.0.1:1/files/${file.name}`,
      name: file.name,
      mimeType: file.mimeType,
    };
    if (this.echoUploadFirst) {
      this.sink!.messages(ref.platformConversationId, [
        {
          platformMessageId: 'dl-9',
          clientMessageId: messageId,
          role: 'agent',
          content,
          at: new Date().toISOString(),
        },
      ]);
    }
    return { platformMessageId: 'dl-9', state: 'sent' as const, content };
  }
}

async function setup() {
  const connector = new RichConnector([waitingConversation('t1')]);
  const core = new BatonCore({ log: () => {} });
  await core.addWorkspace(
    { id: 'w', platform: 'direqt', displayName: 'Rich', baseUrl: 'http://127.0.0.1:1', demo: false },
    connector,
  );
  const events: CoreEvent[] = [];
  core.store.subscribe(({ event }) => events.push(event));
  await core.perform(alice, { type: 'takeOver', actionId: 'take', conversationId: 'w:t1' });
  return { core, connector, events };
}

const upload = {
  name: 'invoice.pdf',
  mimeType: 'application/pdf',
  dataBase64: Buffer.from('%PDF-1.4').toString('base64'),
};

describe('rich relays in the core', () => {
  it('moves a reply to delivered and read on receipts, and never back', async () => {
    const { core, connector } = await setup();
    const { message } = await core.perform(alice, {
      type: 'reply',
      actionId: 'r',
      conversationId: 'w:t1',
      content: { type: 'text', text: 'Here is your card' },
    });
    await until(() => core.store.getMessage('w:t1', message!.id)?.delivery?.state === 'sent');
    const receipt = (state: 'delivered' | 'read' | 'failed', reason?: string) =>
      connector.sink!.delivery('t1', {
        messageId: message!.id,
        state,
        at: new Date().toISOString(),
        ...(reason ? { reason } : {}),
      });
    receipt('read');
    receipt('delivered');
    expect(core.store.getMessage('w:t1', message!.id)?.delivery?.state).toBe('read');
    receipt('failed', 'The user blocked the bot');
    expect(core.store.getMessage('w:t1', message!.id)?.delivery).toMatchObject({
      state: 'failed',
      reason: 'The user blocked the bot',
    });
  });

  it('shows the customer typing, and tells the platform when the holding agent types', async () => {
    const { core, connector, events } = await setup();
    connector.sink!.typing('t1', true);
    expect(events.at(-1)).toEqual({
      type: 'conversation.typing',
      conversationId: 'w:t1',
      role: 'customer',
      active: true,
    });
    await core.agentTyping(alice, 'w:t1', true);
    expect(connector.typed).toEqual([true]);
    expect(events.at(-1)).toMatchObject({
      type: 'conversation.typing',
      role: 'agent',
      name: 'Alice',
      active: true,
    });
    // Another agent typing is shown to colleagues but never sent to the customer.
    await core.agentTyping({ id: 'agent:bob', name: 'Bob' }, 'w:t1', true);
    expect(connector.typed).toEqual([true]);
  });

  it('sends read receipts for what the agent has read', async () => {
    const { core, connector } = await setup();
    const at = new Date().toISOString();
    connector.sink!.messages('t1', [
      { platformMessageId: 'u-1', role: 'customer', content: { type: 'text', text: 'Hello?' }, at },
      { platformMessageId: 'u-2', role: 'customer', content: { type: 'text', text: 'Anyone?' }, at },
    ]);
    core.markRead('w:t1');
    await until(() => connector.read.length === 1);
    expect(connector.read[0]).toEqual(['u-1', 'u-2']);
    core.markRead('w:t1');
    expect(connector.read).toHaveLength(1);
  });

  it('uploads a file and shows it once, even when the platform echoes it before answering', async () => {
    for (const echoUploadFirst of [false, true]) {
      const { core, connector } = await setup();
      connector.echoUploadFirst = echoUploadFirst;
      const { message } = await core.perform(alice, {
        type: 'upload',
        actionId: `u-${echoUploadFirst}`,
        conversationId: 'w:t1',
        file: upload,
      });
      expect(message?.content).toMatchObject({ type: 'file', name: 'invoice.pdf' });
      const files = core.store.getMessages('w:t1').filter((m) => m.content.type === 'file');
      expect(files).toHaveLength(1);
    }
  });

  it('refuses a file over the size limit without calling the platform', async () => {
    const { core } = await setup();
    const big = { ...upload, dataBase64: Buffer.alloc(2 * 1024 * 1024 + 1).toString('base64') };
    const error = await core
      .perform(alice, { type: 'upload', actionId: 'big', conversationId: 'w:t1', file: big })
      .catch((e) => e);
    expect(error.code).toBe('bad_request');
    expect(core.store.getMessages('w:t1').some((m) => m.content.type === 'file')).toBe(false);
  });
});
