import { describe, expect, it } from 'vitest';
import { RpcError, disconnectedError } from '../../../transport/rpc-error';
import { describeActionError } from './use-conversation-actions';

describe('describeActionError', () => {
  it('tells the losing agent who has the conversation', () => {
    const error = new RpcError({
      code: 'conflict',
      message: 'held',
      heldBy: { id: 'agent:bob', name: 'Bob' },
    });
    expect(describeActionError(error, 'take over')).toBe('Bob already has this conversation');
  });

  it('words connection trouble and refusals for the agent', () => {
    expect(describeActionError(disconnectedError(), 'hand back')).toMatch(/can't reach the Baton core/);
    const refused = new RpcError({ code: 'invalid_state', message: 'The conversation is closed.' });
    expect(describeActionError(refused, 'close')).toBe("Couldn't close: The conversation is closed.");
  });
});
