import { describe, expect, it } from 'vitest';
import { stateLabel, stateTone } from './state-label';

const alice = { id: 'agent:alice', name: 'Alice' };
const bob = { id: 'agent:bob', name: 'Bob' };

describe('stateLabel', () => {
  it('uses exactly the UI names', () => {
    expect(stateLabel({ state: 'bot', assignee: null }, alice.id)).toBe('Bot');
    expect(stateLabel({ state: 'waiting', assignee: null }, alice.id)).toBe('Waiting');
    expect(stateLabel({ state: 'agent', assignee: alice }, alice.id)).toBe('With you');
    expect(stateLabel({ state: 'agent', assignee: bob }, alice.id)).toBe('With Bob');
    expect(stateLabel({ state: 'closed', assignee: null }, alice.id)).toBe('Closed');
  });

  it('names the holder when the console does not know who it is yet', () => {
    expect(stateLabel({ state: 'agent', assignee: alice }, null)).toBe('With Alice');
  });

  it('has a tone per label', () => {
    expect(stateTone({ state: 'agent', assignee: alice }, alice.id)).toBe('mine');
    expect(stateTone({ state: 'agent', assignee: bob }, alice.id)).toBe('other');
    expect(stateTone({ state: 'waiting', assignee: null }, alice.id)).toBe('waiting');
  });
});
