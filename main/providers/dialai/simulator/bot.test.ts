import { describe, expect, it } from 'vitest';
import { ASK_FOR_PERSON, CONFUSING, TOPICS } from './customer-lines';
import { botAnswer, ESCALATION_REASONS } from './bot';

describe('simulated bot', () => {
  it.each([
    ['Where is my order?', /order number/],
    ['It is ORD-123456', /ORD-123456 left our warehouse/],
    ['I want a refund', /return any item within 30 days/],
    ['Start a return', /prepaid shipping label/],
    ['I forgot my password', /Forgot password/],
    ['Email not received', /spam folder/],
    ['What are your opening hours?', /Monday to Friday/],
    ['Hello', /What can I help you with/],
  ])('answers "%s"', (text, expected) => {
    const answer = botAnswer(text, 0);
    expect(answer.escalate).toBeUndefined();
    expect(answer.replies[0]?.text).toMatch(expected);
  });

  it('escalates when asked for a person, whatever came before', () => {
    for (const line of ASK_FOR_PERSON) {
      expect(botAnswer(line, 1)).toMatchObject({
        escalate: ESCALATION_REASONS.askedForPerson,
        misunderstood: 0,
      });
    }
  });

  it('escalates on the second misunderstanding in a row only', () => {
    const first = botAnswer('blorp', 0);
    expect(first).toMatchObject({ misunderstood: 1 });
    expect(first.escalate).toBeUndefined();
    expect(botAnswer('blorp', first.misunderstood).escalate).toBe(ESCALATION_REASONS.notUnderstood);
    expect(botAnswer('Thanks', 1)).toMatchObject({ misunderstood: 0 });
  });

  it('understands what the scripted customers say, except the lines meant to confuse it', () => {
    for (const topic of TOPICS) {
      for (const line of [...topic.openings, ...topic.followUps]) {
        expect(botAnswer(line.replace('{order}', '123456'), 0).misunderstood, line).toBe(0);
      }
    }
    for (const line of CONFUSING) expect(botAnswer(line, 0).misunderstood, line).toBe(1);
  });
});
