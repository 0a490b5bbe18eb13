/**
 * Whether a customer's reply to automated content says it helped. Only asked right after Automate answered,
 * so a plain "yes" or "no" is read as feedback; anything else is a new question for Understand.
 */
export type FeedbackVerdict = 'helpful' | 'notHelpful' | undefined;

const NOT_HELPFUL =
  /\b(no|nope|nah|not really|didn'?t help|did not help|doesn'?t help|does not help|not helpful|useless|wrong)\b/i;
const HELPFUL = /\b(yes|yep|yeah|thanks|thank you|that helped|it helped|helpful|perfect|great|solved)\b/i;
/** Longer than this, a message is a question in its own right rather than a verdict. */
const MAX_VERDICT_CHARS = 60;

export function feedbackVerdict(text: string): FeedbackVerdict {
  const trimmed = text.trim();
  if (trimmed.length > MAX_VERDICT_CHARS) return undefined;
  // Checked first: "no, that didn't help, thanks" is a no.
  if (NOT_HELPFUL.test(trimmed)) return 'notHelpful';
  if (HELPFUL.test(trimmed)) return 'helpful';
  return undefined;
}

/** The quick replies offered under automated content; both read back as a clear verdict. */
export const FEEDBACK_REPLIES = { helpful: 'Yes, that helped', notHelpful: "No, it didn't help" } as const;
