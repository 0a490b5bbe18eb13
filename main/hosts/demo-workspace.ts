/**
 * The demo workspace: with no configuration, Baton starts every simulator in-process and connects a
 * workspace to each, so a newcomer sees live traffic within seconds. Relayed platforms (Certainly, Directly)
 * get their customers from a simulated company chat backend that talks to Baton's gateway, exactly as a
 * real company's backend would.
 */
import { randomBytes } from 'node:crypto';
import type { PlatformKind } from '../contract';
import type { BatonCore } from '../core/baton-core';
import type { Connector } from '../core/connector';
import type { Gateway } from '../core/gateway/gateway-server';
import type { RelayHost } from '../core/relay';
import { createCertainlyConnector } from '../providers/certainly/connector';
import { startCustomerChannel } from '../providers/customer-channel';
import { createDialaiConnector } from '../providers/dialai/connector';
import { createDirectlyConnector } from '../providers/directly/connector';
import { createDirectLineConnector } from '../providers/directline/connector';
import { startDireqtChatbot } from '../providers/direqt/chatbot';
import { createDireqtConnector } from '../providers/direqt/connector';
import { type SimulatorOptions, startSimulators } from './simulators';

interface RelayedDemo {
  workspaceId: string;
  platform: PlatformKind;
  displayName: string;
  baseUrl: string;
  connect(workspaceId: string, relay: RelayHost): Connector;
}

export async function startDemo(
  core: BatonCore,
  gateway: Gateway,
  options: SimulatorOptions = { traffic: true },
) {
  const simulators = await startSimulators(options);
  const { dialai, certainly, directly, direqt, directline } = simulators.providers;
  // Direqt calls the company's own chatbot; Baton relays to it while the bot holds a conversation.
  const chatbot = await startDireqtChatbot({
    direqtBaseUrl: direqt.baseUrl,
    accessToken: direqt.accessToken,
    signingSecret: direqt.signingSecret,
  });
  // The Direct Line bot posts its handoff notifications to Baton, signed with a secret both share.
  const handoffSecret = randomBytes(24).toString('hex');
  const relayed: RelayedDemo[] = [
    {
      workspaceId: 'demo-certainly',
      platform: 'certainly',
      displayName: 'Certainly demo',
      baseUrl: certainly.baseUrl,
      connect: (workspaceId, relay) => createCertainlyConnector({ workspaceId, ...certainly }, relay),
    },
    {
      workspaceId: 'demo-directly',
      platform: 'directly',
      displayName: 'Directly demo',
      baseUrl: directly.baseUrl,
      connect: (workspaceId, relay) => createDirectlyConnector({ workspaceId, ...directly }, relay),
    },
  ];
  const secrets = new Map(relayed.map((w) => [w.workspaceId, randomBytes(24).toString('hex')]));
  const secretOf = (workspaceId: string) => secrets.get(workspaceId) ?? '';
  const channel = await startCustomerChannel({
    workspaces: relayed.map((w) => ({
      workspaceId: w.workspaceId,
      secret: secretOf(w.workspaceId),
      label: w.displayName,
    })),
    traffic: { enabled: options.traffic, openingBurst: 4, newConversationEveryMs: 8000 },
  });

  await core.addWorkspace(
    {
      id: 'demo-dialai',
      platform: 'dialai',
      displayName: 'Dialai demo',
      baseUrl: dialai.baseUrl,
      demo: true,
    },
    createDialaiConnector({ workspaceId: 'demo-dialai', ...dialai }),
  );
  for (const workspace of relayed) {
    const relay = gateway.register(workspace.workspaceId, {
      secret: secretOf(workspace.workspaceId),
      callbackUrl: channel.callbackUrl(workspace.workspaceId),
    });
    await core.addWorkspace(
      {
        id: workspace.workspaceId,
        platform: workspace.platform,
        displayName: workspace.displayName,
        baseUrl: workspace.baseUrl,
        demo: true,
      },
      workspace.connect(workspace.workspaceId, relay),
    );
  }
  channel.connect(gateway.url);

  // Platforms that reach their customers themselves: only their webhooks come through the gateway.
  const direqtRelay = gateway.register('demo-direqt');
  await core.addWorkspace(
    {
      id: 'demo-direqt',
      platform: 'direqt',
      displayName: 'Direqt demo',
      baseUrl: direqt.baseUrl,
      demo: true,
    },
    createDireqtConnector(
      { workspaceId: 'demo-direqt', ...direqt, chatbotWebhookUrl: chatbot.webhookUrl },
      direqtRelay,
    ),
  );
  const directLineRelay = gateway.register('demo-directline');
  simulators.directline.control.setHandoffTarget({ url: directLineRelay.webhookUrl, secret: handoffSecret });
  await core.addWorkspace(
    {
      id: 'demo-directline',
      platform: 'directline',
      displayName: 'Direct Line demo',
      baseUrl: directline.baseUrl,
      demo: true,
    },
    createDirectLineConnector(
      { workspaceId: 'demo-directline', ...directline, handoffSecret },
      directLineRelay,
    ),
  );
  simulators.startPlatformUsers();

  const customerChannel = (workspaceId: string) => ({ url: channel.url, workspaceId });
  return {
    ...simulators,
    channel,
    /** What `Demo providers:` prints: each platform's simulator, and for relayed ones the customer channel. */
    providers: {
      dialai,
      certainly: { ...certainly, customerChannel: customerChannel('demo-certainly') },
      directly: { ...directly, customerChannel: customerChannel('demo-directly') },
      direqt: { ...direqt, chatbotWebhookUrl: chatbot.webhookUrl },
      directline,
    },
    close: async () => {
      await channel.close();
      await chatbot.close();
      await simulators.close();
    },
  };
}

export type Demo = Awaited<ReturnType<typeof startDemo>>;
