/**
 * One connected client: reads its frames, validates every request against the contract where it enters the
 * core, answers it, and streams inbox events to it once it has said hello (resuming after the last sequence
 * number it saw when it reconnects).
 */
import { ZodError } from 'zod';
import type { Agent, MethodName, MethodResult, ServerFrame } from '../contract';
import {
  describeIssues,
  LIMITS,
  Methods,
  packConversations,
  PROTOCOL_VERSION,
  RequestFrame,
} from '../contract';
import type { BatonCore } from './baton-core';
import type { Channel } from './channel';
import { CoreError, toErrorBody } from './core-error';
import type { SequencedEvent } from './inbox-store';

export interface SessionOptions {
  /** The agent name to use when the client does not give one (the desktop's OS user, say). */
  defaultAgentName?: string;
}

export function agentFromName(name: string): Agent {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return { id: `agent:${slug || 'anonymous'}`, name };
}

type Handler<M extends MethodName> = (params: unknown) => Promise<MethodResult<M>> | MethodResult<M>;

export function attachClientSession(core: BatonCore, channel: Channel, options: SessionOptions): void {
  let agent: Agent | null = null;
  let unsubscribe: (() => void) | null = null;
  let leaveQueue: (() => void) | null = null;
  let closed = false;
  let gate: SequencedEvent[] | null = null;
  /** This client, as one of a conversation's viewers (an agent may have it open in two windows). */
  const viewer = Symbol('viewer');

  const send = (frame: ServerFrame): void => {
    if (!closed) channel.send(frame);
  };
  const sendEvent = ({ seq, event }: SequencedEvent): void =>
    send({ kind: 'event', stream: 'inbox', seq, event });

  const requireAgent = (): Agent => {
    if (!agent) throw new CoreError('unauthorized', 'Send session.hello before anything else.');
    return agent;
  };

  const handlers: { [M in MethodName]: Handler<M> } = {
    'session.hello': (raw) => {
      const params = Methods['session.hello'].params.parse(raw);
      if (params.protocol !== PROTOCOL_VERSION) throw new CoreError('bad_request', 'Unsupported protocol.');
      const previous = agent;
      agent = agentFromName(params.agentName ?? options.defaultAgentName ?? 'Agent');
      leaveQueue?.();
      leaveQueue = core.monitor.agentConnected(agent);
      unsubscribe?.();
      // Replay and subscribe in one synchronous step so no event falls between them; both wait behind the
      // gate until the hello response is out, so the client learns its starting seq first.
      const resume = params.resume?.streamId === core.store.streamId ? params.resume : undefined;
      const replay = resume ? core.store.eventsAfter(resume.afterSeq) : null;
      const seq = resume && replay ? resume.afterSeq : core.store.lastSeq;
      gate = replay ? [...replay] : [];
      unsubscribe = core.store.subscribe((event) => (gate ? gate.push(event) : sendEvent(event)));
      // Presence counts windows: a second hello on this channel replaces the first agent, not adds one.
      if (previous) core.notifications.sessionClosed(previous);
      core.notifications.sessionOpened(agent);
      return {
        agent,
        streamId: core.store.streamId,
        seq,
        resumed: replay !== null,
        serverTime: new Date().toISOString(),
      };
    },
    'workspaces.list': (raw) => {
      Methods['workspaces.list'].params.parse(raw);
      requireAgent();
      return { workspaces: core.listWorkspaces() };
    },
    'workspaces.save': async (raw) => {
      const params = Methods['workspaces.save'].params.parse(raw);
      requireAgent();
      return { workspace: await core.workspaceSettings.save(params.workspace) };
    },
    'workspaces.test': async (raw) => {
      const params = Methods['workspaces.test'].params.parse(raw);
      requireAgent();
      return core.workspaceSettings.test(params.workspace);
    },
    'workspaces.remove': async (raw) => {
      const params = Methods['workspaces.remove'].params.parse(raw);
      requireAgent();
      await core.workspaceSettings.remove(params.workspaceId);
      return {};
    },
    'workspaces.removeSecret': async (raw) => {
      const params = Methods['workspaces.removeSecret'].params.parse(raw);
      requireAgent();
      return { workspace: await core.workspaceSettings.removeSecret(params.workspaceId, params.key) };
    },
    'workspaces.signIn': async (raw) => {
      const params = Methods['workspaces.signIn'].params.parse(raw);
      requireAgent();
      return core.workspaceSettings.signIn(params.workspaceId);
    },
    'workspaces.signOut': async (raw) => {
      const params = Methods['workspaces.signOut'].params.parse(raw);
      requireAgent();
      return { workspace: await core.workspaceSettings.signOut(params.workspaceId) };
    },
    'settings.policy': (raw) => {
      Methods['settings.policy'].params.parse(raw);
      requireAgent();
      return core.workspaceSettings.policy();
    },
    'conversations.list': (raw) => {
      const params = Methods['conversations.list'].params.parse(raw);
      requireAgent();
      return {
        conversations: packConversations(core.listConversations(params.filter)),
        seq: core.store.lastSeq,
      };
    },
    'conversation.open': async (raw) => {
      const params = Methods['conversation.open'].params.parse(raw);
      requireAgent();
      return core.openConversation(params.conversationId);
    },
    'conversation.history': (raw) => {
      const params = Methods['conversation.history'].params.parse(raw);
      requireAgent();
      return core.transcriptHistory(params.conversationId, params.beforeId, params.limit);
    },
    'conversation.markRead': (raw) => {
      const params = Methods['conversation.markRead'].params.parse(raw);
      requireAgent();
      return { conversation: core.markRead(params.conversationId) };
    },
    'conversation.typing': async (raw) => {
      const params = Methods['conversation.typing'].params.parse(raw);
      await core.agentTyping(requireAgent(), params.conversationId, params.active);
      return {};
    },
    'action.perform': (raw) => {
      const params = Methods['action.perform'].params.parse(raw);
      return core.perform(requireAgent(), params.action);
    },
    'conversation.view': (raw) => {
      const params = Methods['conversation.view'].params.parse(raw);
      core.setViewing(viewer, requireAgent(), params.conversationId);
      return {};
    },
    'presence.set': (raw) => {
      const params = Methods['presence.set'].params.parse(raw);
      return {
        presence: core.notifications.setPresence(requireAgent(), params.presence, params.automatic ?? false),
      };
    },
    'agents.list': (raw) => {
      Methods['agents.list'].params.parse(raw);
      requireAgent();
      return { agents: core.notifications.listAgents() };
    },
    'notifications.getSettings': (raw) => {
      Methods['notifications.getSettings'].params.parse(raw);
      return { settings: core.notifications.settingsOf(requireAgent().id) };
    },
    'notifications.saveSettings': (raw) => {
      const params = Methods['notifications.saveSettings'].params.parse(raw);
      return { settings: core.notifications.saveSettings(requireAgent().id, params.settings) };
    },
    'canned.list': (raw) => {
      Methods['canned.list'].params.parse(raw);
      requireAgent();
      return { responses: core.listCanned() };
    },
    'canned.save': (raw) => {
      const params = Methods['canned.save'].params.parse(raw);
      requireAgent();
      return { response: core.saveCanned(params.response) };
    },
    'canned.remove': (raw) => {
      const params = Methods['canned.remove'].params.parse(raw);
      requireAgent();
      core.removeCanned(params.id);
      return {};
    },
    'transcripts.search': (raw) => {
      const params = Methods['transcripts.search'].params.parse(raw);
      requireAgent();
      return { hits: core.searchTranscripts(params.query, params.limit) };
    },
    'audit.list': (raw) => {
      const params = Methods['audit.list'].params.parse(raw);
      requireAgent();
      return { entries: core.auditLog(params.conversationId, params.limit) };
    },
    'queue.snapshot': (raw) => {
      Methods['queue.snapshot'].params.parse(raw);
      requireAgent();
      const snapshot = core.monitor.snapshot();
      return { snapshot, seq: core.store.lastSeq };
    },
    'reports.query': async (raw) => {
      const params = Methods['reports.query'].params.parse(raw);
      requireAgent();
      return { report: await core.report(params) };
    },
    'conversation.reassign': async (raw) => {
      const params = Methods['conversation.reassign'].params.parse(raw);
      const lead = requireAgent();
      return { conversation: await core.reassign(lead, params.conversationId, params.toAgent) };
    },
  };

  const handle = async (data: unknown): Promise<void> => {
    let value = data;
    if (typeof data === 'string') {
      if (data.length > LIMITS.frameBytes) {
        return send({ kind: 'protocol_error', error: { code: 'bad_request', message: 'Frame too large.' } });
      }
      try {
        value = JSON.parse(data);
      } catch {
        return send({
          kind: 'protocol_error',
          error: { code: 'bad_request', message: 'Frame is not valid JSON.' },
        });
      }
    }
    const frame = RequestFrame.safeParse(value);
    if (!frame.success) {
      const id = (value as { id?: unknown } | null)?.id;
      const error = {
        code: 'bad_request' as const,
        message: 'Frame is not a valid request.',
        issues: describeIssues(frame.error),
      };
      return send(
        typeof id === 'string'
          ? { kind: 'response', id, ok: false, error }
          : { kind: 'protocol_error', error },
      );
    }
    const { id, method, params } = frame.data;
    try {
      const result = await (handlers[method] as Handler<typeof method>)(params);
      send({ kind: 'response', id, ok: true, result });
      if (gate) {
        const held = gate;
        gate = null;
        held.forEach(sendEvent);
      }
    } catch (error) {
      send({ kind: 'response', id, ok: false, error: requestError(error, core) });
    }
  };

  channel.onMessage((data) => void handle(data));
  channel.onClose(() => {
    closed = true;
    unsubscribe?.();
    if (agent) core.setViewing(viewer, agent, null);
    leaveQueue?.();
    if (agent) core.notifications.sessionClosed(agent);
  });
}

function requestError(error: unknown, core: BatonCore) {
  if (error instanceof ZodError) {
    const issues = describeIssues(error);
    const first = issues[0];
    return {
      code: 'bad_request' as const,
      message: first ? `Invalid request: ${first.path}: ${first.message}` : 'Invalid request.',
      issues,
    };
  }
  if (!(error instanceof CoreError)) core.log('error', `request failed: ${String(error)}`);
  return toErrorBody(error);
}
