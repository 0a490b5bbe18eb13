/**
 * The simulated Dialai assistant: scripted answers to common support questions. It is deliberately simple
 * and predictable (tests and demos rely on it): it escalates when the customer asks for a person, or when it
 * fails to understand twice in a row.
 */
export interface BotAnswer {
  replies: { text: string; quickReplies?: string[] }[];
  /** Set when the conversation should go to a human; the reason agents see. */
  escalate?: string;
  /** The new count of consecutive misunderstandings. */
  misunderstood: number;
}

export const ESCALATION_REASONS = {
  askedForPerson: 'Customer asked for a person',
  notUnderstood: 'The bot did not understand the customer twice',
} as const;

const MAIN_MENU = ['Order status', 'Refund', 'Password reset', 'Opening hours'];

interface Intent {
  pattern: RegExp;
  answer: (text: string) => BotAnswer['replies'];
}

/** First match wins, so the more specific intents come first. */
const INTENTS: Intent[] = [
  {
    pattern: /\bord(?:er)?[-\s#]?(\d{4,})\b/i,
    answer: (text) => {
      const number = /(\d{4,})/.exec(text)?.[1] ?? '';
      return [
        {
          text: `Order ORD-${number} left our warehouse yesterday and should arrive within 2 business days. You'll get a tracking link by email.`,
          quickReplies: ['Change address', 'Something else'],
        },
      ];
    },
  },
  {
    pattern: /\b(order|package|parcel|delivery|deliver|shipping|shipped|track(ing)?|arrive[ds]?)\b/i,
    answer: () => [
      { text: 'I can check that for you. What is your order number? It looks like ORD-123456.' },
    ],
  },
  {
    pattern: /\bstart (a|the) return\b/i,
    answer: () => [
      { text: "I've opened a return for you. A prepaid shipping label is on its way to your email address." },
    ],
  },
  {
    pattern: /\brefund status\b/i,
    answer: () => [
      { text: 'Refunds are paid out within 5 to 7 business days after your return reaches our warehouse.' },
    ],
  },
  {
    pattern: /\b(email not received|no email|didn'?t (get|receive) (the|an|any) (email|link))\b/i,
    answer: () => [
      {
        text: 'Please check your spam folder. If the email is not there within 10 minutes, ask me for a person and a colleague will help.',
      },
    ],
  },
  {
    pattern: /\b(refunds?|money back|return(s|ing)?|reimburse)\b/i,
    answer: () => [
      {
        text: 'You can return any item within 30 days. Once we receive it, the refund reaches your original payment method within 5 to 7 business days.',
        quickReplies: ['Start a return', 'Refund status'],
      },
    ],
  },
  {
    pattern: /\b(password|log ?in|sign ?in|locked out|reset|account access)\b/i,
    answer: () => [
      {
        text: 'To reset your password, choose "Forgot password" on the sign-in page and follow the link we email you. The link is valid for 30 minutes.',
        quickReplies: ['Email not received', 'It worked, thanks'],
      },
    ],
  },
  {
    pattern: /\b(hours|open(ing)?|clos(e|ed|ing)|weekend|holiday)\b/i,
    answer: () => [
      {
        text: 'Our team is available Monday to Friday 8:00 to 20:00 and Saturday 9:00 to 17:00 (CET). This chat is open around the clock.',
      },
    ],
  },
  {
    pattern: /\b(address|change (my )?address)\b/i,
    answer: () => [
      { text: 'You can change the delivery address under My orders until the parcel has shipped.' },
    ],
  },
  {
    pattern: /\b(thanks?|thank you|cheers|great|perfect|it worked)\b/i,
    answer: () => [{ text: "You're welcome! Is there anything else I can help with?" }],
  },
  {
    pattern: /\b(bye|goodbye|that'?s all|nothing else)\b/i,
    answer: () => [{ text: 'Thanks for chatting with us. Have a great day!' }],
  },
  {
    pattern: /^\s*(hi|hello|hey|good (morning|afternoon|evening)|hallo)\b/i,
    answer: () => [
      { text: "Hi! I'm the Dialai assistant. What can I help you with today?", quickReplies: MAIN_MENU },
    ],
  },
  {
    pattern: /\b(something else|help|question)\b/i,
    answer: () => [{ text: 'Sure. Here is what I can help with:', quickReplies: MAIN_MENU }],
  },
];

const ASKS_FOR_PERSON =
  /\b(human|person|people|agent|representative|operator|someone real|real (person|human)|talk to (someone|somebody|a)|speak (to|with) (someone|somebody|a))\b/i;

export function botAnswer(text: string, misunderstood: number): BotAnswer {
  if (ASKS_FOR_PERSON.test(text)) {
    return {
      replies: [
        { text: "Of course. I'm connecting you with a member of our team; please stay in this chat." },
      ],
      escalate: ESCALATION_REASONS.askedForPerson,
      misunderstood: 0,
    };
  }
  const intent = INTENTS.find((candidate) => candidate.pattern.test(text));
  if (intent) return { replies: intent.answer(text), misunderstood: 0 };
  if (misunderstood >= 1) {
    return {
      replies: [
        { text: "I'm sorry, I still don't understand. Let me get someone from our team to help you." },
      ],
      escalate: ESCALATION_REASONS.notUnderstood,
      misunderstood: 0,
    };
  }
  return {
    replies: [{ text: "Sorry, I didn't quite get that. Could you rephrase it?", quickReplies: MAIN_MENU }],
    misunderstood: misunderstood + 1,
  };
}
