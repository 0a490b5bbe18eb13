import { describe, expect, it } from 'vitest';
import { FEEDBACK_REPLIES, feedbackVerdict } from './feedback-phrases';

describe('feedbackVerdict', () => {
  it('reads the offered quick replies and plain yes/no answers', () => {
    expect(feedbackVerdict(FEEDBACK_REPLIES.helpful)).toBe('helpful');
    expect(feedbackVerdict(FEEDBACK_REPLIES.notHelpful)).toBe('notHelpful');
    expect(feedbackVerdict('yes thanks')).toBe('helpful');
    expect(feedbackVerdict("no, that didn't help, thanks")).toBe('notHelpful');
    expect(feedbackVerdict('Nope')).toBe('notHelpful');
  });

  it('leaves a new question to Understand', () => {
    expect(feedbackVerdict('what are your opening hours')).toBeUndefined();
    expect(feedbackVerdict(`yes ${'and another thing '.repeat(5)}`)).toBeUndefined();
  });
});
