import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '@contract';
import { fillPlaceholders, fuzzyScore, matchCanned } from './canned-match';

const r = (title: string, text: string): CannedResponse => ({
  id: title,
  title,
  text,
  updatedAt: '2026-11-21T10:00:00.000Z',
});
const all = [
  r('Greeting', 'Hi {customer.name}, I am {agent.name}.'),
  r('Refund policy', 'Refunds take 5 days.'),
  r('Goodbye', 'Have a good day!'),
];

describe('canned responses', () => {
  it('matches by title first, then text, letters in order', () => {
    expect(matchCanned(all, 'ref').map((x) => x.title)).toEqual(['Refund policy']);
    expect(matchCanned(all, 'gb').map((x) => x.title)).toEqual(['Goodbye']);
    expect(matchCanned(all, 'days').map((x) => x.title)).toEqual(['Refund policy']);
    expect(matchCanned(all, '').map((x) => x.title)).toEqual(['Greeting', 'Refund policy', 'Goodbye']);
    expect(matchCanned(all, 'zzz')).toEqual([]);
    expect(fuzzyScore('gre', 'Greeting')).toBeGreaterThan(fuzzyScore('gtg', 'Greeting') ?? 0);
  });

  it('fills the customer’s and the agent’s names, leaving other braces alone', () => {
    expect(
      fillPlaceholders('Hi {customer.name}, I am { Agent.Name }. {order.id}', {
        customerName: 'Maya',
        agentName: 'Alice',
      }),
    ).toBe('Hi Maya, I am Alice. {order.id}');
  });
});
