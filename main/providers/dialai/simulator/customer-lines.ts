/**
 * What the simulated customers are called and what they say. Topics line up with the bot's intents so that
 * most conversations are answered by the bot, as in a real deployment.
 */
export { CUSTOMER_NAMES } from '../../simulated-customer-names';

export interface Topic {
  openings: readonly string[];
  /** What the customer says next while the bot helps, in order. */
  followUps: readonly string[];
  /** What the customer says to a CSR, one line per CSR message, in order. */
  toCsr: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    openings: [
      'Hi, where is my order?',
      'Hello, my package still has not arrived',
      'When will my delivery arrive?',
    ],
    followUps: ['It is ORD-{order}', 'Thanks!'],
    toCsr: [
      'The order number is ORD-{order}.',
      'I ordered it almost two weeks ago.',
      'Great, thank you for checking!',
    ],
  },
  {
    openings: [
      'I want a refund for my jacket',
      'How do I return an item?',
      'Can I get my money back for a broken lamp?',
    ],
    followUps: ['Start a return', 'Thank you'],
    toCsr: [
      'It arrived damaged, the box was crushed.',
      'Yes, I still have the packaging.',
      'Perfect, thanks a lot.',
    ],
  },
  {
    openings: ['I cannot log in to my account', 'Hi, I forgot my password', 'My account is locked out'],
    followUps: ['Email not received', 'It worked, thanks'],
    toCsr: [
      'My email address is the one on the account, I checked spam too.',
      'Okay, trying again now.',
      'That worked, thank you!',
    ],
  },
  {
    openings: ['What are your opening hours?', 'Are you open on the weekend?', 'Hello'],
    followUps: ['Opening hours', 'Thanks'],
    toCsr: ['I wanted to come by the store on Saturday.', 'Good to know.', 'Thanks, bye!'],
  },
];

export const ASK_FOR_PERSON = [
  'Can I talk to a real person please?',
  'I would like to speak to an agent',
  'Is there a human I can talk to?',
  'This is not helping, I want a person',
] as const;

/** Lines the bot cannot place: two in a row make it escalate. */
export const CONFUSING = [
  'The thing with the blue one does it again since Tuesday',
  'my cousin said you would know about the voucher code thingy',
  'why is it like that',
  'the app shows the wrong colour on my screen',
] as const;

export const STILL_WAITING = ['Hello? Is anyone there?', 'Still waiting for someone…', 'Any news?'] as const;
