/**
 * `POST /api/webchat/bot/{deploymentId}/messages/`, the seed's Send End User Message: checks, in this order,
 * the bearer token's presence (401), the deployment (404), the token itself (401), the body (400), the
 * `ref` module (400); then records the messages and, for `text` actions, answers from the module the text
 * lands on. Nothing is recorded unless every check passes.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import type { TimerSet } from '../../http-kit/timer-set';
import { bearerToken, MessageRequest } from '../wire';
import type { BotAction, BotMessage, MessageRequest as Request, MessageResponse } from '../wire';
import { badRequest, CertainlyApiError, requireBody } from './api-error';
import { evaluate, findModule, wireModule } from './bot';
import type { ConversationStore, StoredConversation } from './conversation-store';

export interface MessagesDeps {
  deploymentId: string;
  /** The current API token; "Generate API Token" again replaces it. */
  token: () => string;
  store: ConversationStore;
  timers: TimerSet;
  botLatencyMs: number;
  now: () => number;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** How a bot answer reads in the simulator's conversation record. */
function recordedText(actions: readonly BotAction[]): string {
  return actions
    .map((action) => {
      const options = action.options?.map((option) => option.text).join(' | ');
      return options ? `${action.text ?? ''} [${options}]`.trim() : (action.text ?? '');
    })
    .filter((line) => line !== '')
    .join('\n');
}

export function messagesHandler(deps: MessagesDeps) {
  return async (c: Context): Promise<Response> => {
    const token = bearerToken(c.req.header('authorization'));
    if (token === undefined)
      throw new CertainlyApiError(401, 'Authentication credentials were not provided.');
    if (c.req.param('deploymentId') !== deps.deploymentId) {
      throw new CertainlyApiError(404, `No bot is deployed with id "${c.req.param('deploymentId') ?? ''}".`);
    }
    if (!sameSecret(token, deps.token())) throw new CertainlyApiError(401, 'Invalid token.');

    const body = await requireBody(c, MessageRequest);
    const refModule = findModule(body.ref);
    if (!refModule) throw badRequest(`ref: "${body.ref}" is not a Module ID of this bot.`);
    if (body.from === 'agent' && body.actions.some((action) => action.type !== 'standby')) {
      throw badRequest('actions: an agent\'s messages can only be recorded as "standby".');
    }

    // The bot "thinks" before anything changes, so the whole request below applies at once.
    if (body.actions.some((action) => action.type === 'text')) await deps.timers.sleep(deps.botLatencyMs);

    const timestamp = body.timestamp ?? Math.floor(deps.now() / 1000);
    const conversation = deps.store.conversationFor(body.user_id, timestamp, refModule.id);
    conversation.module = refModule.id;
    conversation.lastTimestamp = Math.max(conversation.lastTimestamp, timestamp);
    Object.assign(conversation.userProfile, body.user_profile);
    Object.assign(conversation.userCvars, body.user_cvars);

    const replies = body.actions.flatMap((action) => apply(deps, conversation, body, action));
    const response: MessageResponse = [{ error: null, message: replies }];
    return c.json(response);
  };
}

function apply(
  deps: MessagesDeps,
  conversation: StoredConversation,
  body: Request,
  action: Request['actions'][number],
): BotMessage[] {
  const at = new Date((body.timestamp ?? deps.now() / 1000) * 1000).toISOString();
  const recorded = deps.store.record(conversation, {
    ...(body.id !== undefined && { externalId: body.id }),
    from: body.from,
    type: action.type,
    text: action.text,
    at,
  });
  // Standby: the platform records the message and stays silent (the seed's handover case).
  if (action.type === 'standby') return [];

  const from = conversation.module;
  const landing = evaluate(action.text, conversation.fallbacksInARow);
  conversation.module = landing.module.id;
  conversation.fallbacksInARow = landing.fallbacksInARow;
  const answer = deps.store.record(conversation, {
    from: 'bot',
    type: 'text',
    text: recordedText(landing.module.actions),
    at,
  });
  return [
    {
      bot_module: wireModule(landing.module),
      connections: {
        id_message_evaluate: body.id ?? String(recorded.id),
        reply_to_module_id: from,
        data: [{ type: 'local', fallback: landing.fallback }],
      },
      from: 'bot',
      actions: structuredClone(landing.module.actions),
      id: answer.id,
      conversation_id: conversation.id,
    },
  ];
}
