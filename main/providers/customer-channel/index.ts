/**
 * A simulated company chat backend (a "customer channel") for relayed platforms: its customers' messages go
 * to Baton's gateway, signed; Baton's bot and agent answers come back to its callback, verified. It powers
 * the demo (scripted customers) and end-to-end tests (a test plays a customer through `/__sim/`). The
 * channel API it speaks is described in README.md.
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { createSimControl, SIM_PREFIX } from '../http-kit/sim-control';
import type { Fault } from '../http-kit/sim-control';
import { startServer } from '../http-kit/start-server';
import { TimerSet } from '../http-kit/timer-set';
import { mountCallback } from './callback-route';
import { DeliveryIds } from './channel-signature';
import { ControlError, controlRoutes, simConversation } from './control-routes';
import type {
  ControlApi,
  SayResult,
  StartConversationInput,
  StartResult,
  TrafficUpdate,
} from './control-routes';
import { ConversationStore } from './conversation-store';
import type { StoredConversation } from './conversation-store';
import { ASK_FOR_PERSON } from './customer-lines';
import { newCustomer } from './customers';
import { GatewaySender } from './gateway-sender';
import type { RetryPolicy } from './gateway-sender';
import { Traffic } from './traffic';
import type { TrafficSettings } from './traffic';
import { channelPaths, errorBody } from './wire';

export type { SimConversation, StartConversationInput, StartResult, SayResult } from './control-routes';
export type { TrafficSettings } from './traffic';
export { signChannelRequest, verifyChannelRequest } from './channel-signature';

export interface ChannelWorkspace {
  /** Baton's workspace id: part of the gateway path and of the callback path. */
  workspaceId: string;
  /** Shared with Baton: signs both directions. */
  secret: string;
  /** The platform behind the workspace, for people reading logs ("Certainly"). */
  label: string;
}

export interface CustomerChannelOptions {
  /** 0 or absent: an ephemeral port. */
  port?: number;
  workspaces: ChannelWorkspace[];
  traffic?: {
    enabled: boolean;
    newConversationEveryMs?: number;
    escalationShare?: number;
    maxInFlight?: number;
    openingBurst?: number;
    /** How long a customer pauses before answering (default 2–7 s); tests shorten it. */
    customerPauseMs?: { min: number; max: number };
  };
  /** Clock for message times and signatures (timers still run in real time). */
  now?: () => number;
  /** Retries of customer messages the gateway failed (5xx or no answer). */
  retry?: Partial<RetryPolicy>;
}

export interface CustomerChannelControl extends ControlApi {
  /** Affects the callback endpoint: e.g. `error503` makes Baton's deliveries fail. */
  setFault(fault: Fault): void;
}

export interface CustomerChannel {
  /** `http://127.0.0.1:<port>` */
  url: string;
  workspaces: readonly ChannelWorkspace[];
  /** Where Baton delivers bot and agent messages for `workspaceId`. */
  callbackUrl(workspaceId: string): string;
  /** Where the gateway is; scripted traffic starts only once this is set. */
  connect(gatewayUrl: string): void;
  control: CustomerChannelControl;
  close(): Promise<void>;
}

const DEFAULT_FIRST_MESSAGE = 'Hi, I have a question about my order';

function checkWorkspaces(workspaces: readonly ChannelWorkspace[]): Map<string, ChannelWorkspace> {
  const byId = new Map<string, ChannelWorkspace>();
  for (const workspace of workspaces) {
    if (!workspace.workspaceId) throw new Error('A customer channel workspace needs a workspaceId.');
    if (!workspace.secret) throw new Error(`Workspace ${workspace.workspaceId} needs a non-empty secret.`);
    if (byId.has(workspace.workspaceId))
      throw new Error(`Workspace ${workspace.workspaceId} is listed twice.`);
    byId.set(workspace.workspaceId, workspace);
  }
  return byId;
}

export async function startCustomerChannel(options: CustomerChannelOptions): Promise<CustomerChannel> {
  const workspaces = checkWorkspaces(options.workspaces);
  const now = options.now ?? Date.now;
  const timers = new TimerSet();
  const store = new ConversationStore(now);
  const secretOf = (workspaceId: string): string => {
    const workspace = workspaces.get(workspaceId);
    if (!workspace) throw new ControlError(404, 'unknown_workspace', `No workspace ${workspaceId}.`);
    return workspace.secret;
  };
  const sender = new GatewaySender({
    timers,
    now,
    secretOf,
    ...(options.retry && { retry: options.retry }),
  });

  /** Records the line as sent, then sends it in order; the record follows the gateway's answer. */
  const say = async (
    conversation: StoredConversation,
    text: string,
    context?: string,
  ): Promise<SayResult> => {
    const messageId = `msg_${randomUUID()}`;
    const message = store.addCustomerMessage(conversation, messageId, text);
    const outcome = await sender.send(conversation.workspaceId, {
      conversationId: conversation.id,
      messageId,
      customer: conversation.customer,
      text,
      sentAt: message.at,
      ...(context !== undefined && { context }),
    });
    const { status } = outcome;
    message.delivery = status === null || status >= 500 ? 'failed' : status >= 400 ? 'refused' : 'accepted';
    if (status !== null) message.gatewayStatus = status;
    return {
      messageId,
      gatewayStatus: status,
      attempts: outcome.attempts,
      ...(outcome.error && { error: outcome.error }),
    };
  };

  const create = (workspaceId: string, customer: StoredConversation['customer']): StoredConversation => {
    secretOf(workspaceId);
    return store.create(`conv_${randomUUID()}`, workspaceId, customer);
  };

  const traffic = new Traffic(store, { create, say }, [...workspaces.keys()], {
    now,
    ...(options.traffic?.customerPauseMs && { pauseMs: options.traffic.customerPauseMs }),
  });

  const requireConnected = (): void => {
    if (!sender.connected)
      throw new ControlError(409, 'not_connected', 'The customer channel is not connected to a gateway yet.');
  };

  const control: ControlApi = {
    async startConversation(input: StartConversationInput): Promise<StartResult> {
      requireConnected();
      const { customer } = newCustomer(Math.random, input.customerName);
      if (input.profile) customer.profile = input.profile;
      if (input.variables) customer.variables = input.variables;
      const conversation = create(input.workspaceId, customer);
      const first = await say(conversation, input.firstMessage ?? DEFAULT_FIRST_MESSAGE);
      const accepted = first.gatewayStatus !== null && first.gatewayStatus < 300;
      if (input.escalate && accepted) await say(conversation, ASK_FOR_PERSON[0]);
      return { conversationId: conversation.id, ...first };
    },
    say(conversationId, text, sayOptions = {}): Promise<SayResult> {
      const conversation = store.get(conversationId);
      if (!conversation)
        throw new ControlError(404, 'unknown_conversation', `No conversation ${conversationId}.`);
      requireConnected();
      return say(conversation, text, sayOptions.context);
    },
    conversations: () => store.list().map(simConversation),
    setTraffic(update: TrafficUpdate): TrafficSettings {
      traffic.set(update);
      return traffic.current;
    },
  };

  const simControl = createSimControl({ timers });
  const app = new Hono();
  app.use('*', simControl.middleware);
  app.route(SIM_PREFIX, simControl.routes);
  app.route(SIM_PREFIX, controlRoutes(control));
  mountCallback(app, {
    secretOf: (workspaceId) => workspaces.get(workspaceId)?.secret,
    store,
    deliveryIds: new DeliveryIds(),
    now,
  });
  app.notFound((c) => c.json(errorBody('not_found', `No such endpoint: ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => {
    if (error instanceof ControlError) return c.json(errorBody(error.code, error.message), error.status);
    console.error('[customer channel]', error);
    return c.json(errorBody('internal', 'The customer channel failed to handle this request.'), 500);
  });

  const server = await startServer(app, options.port === undefined ? {} : { port: options.port });
  if (options.traffic) {
    const { customerPauseMs: _pause, ...settings } = options.traffic;
    traffic.set(defined(settings));
  }

  let closing: Promise<void> | undefined;
  return {
    url: server.url,
    workspaces: [...workspaces.values()],
    callbackUrl: (workspaceId) => server.url + channelPaths.callback(workspaceId),
    connect(gatewayUrl) {
      sender.connect(gatewayUrl);
      traffic.connect();
    },
    control: { ...control, setFault: (fault) => simControl.setFault(fault) },
    close() {
      closing ??= (async () => {
        traffic.stop();
        sender.close();
        timers.clear();
        await server.close();
      })();
      return closing;
    },
  };
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
