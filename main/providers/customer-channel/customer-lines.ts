/**
 * Who the simulated customers are and what they say. Topics are the everyday ones a support bot is built
 * for, so most conversations are answered by the bot as in a real deployment; a share of customers steer
 * towards a person.
 */
export { CUSTOMER_NAMES } from '../simulated-customer-names';

export interface Topic {
  name: string;
  openings: readonly string[];
  /** What the customer says next while the bot helps, one line per bot answer, in order. */
  followUps: readonly string[];
  /** What the customer says to an agent, one line per agent message, in order. */
  toAgent: readonly string[];
}

export const TOPICS: readonly Topic[] = [
  {
    name: 'order status',
    openings: [
      'Hi, where is my order?',
      'Hello, my package still has not arrived',
      'Can you track my order?',
    ],
    followUps: ['It is {orderId}', 'OK, and when will it get here?'],
    toAgent: [
      'The order number is {orderId}.',
      'I ordered it almost two weeks ago.',
      'Great, thanks for checking!',
    ],
  },
  {
    name: 'refund',
    openings: ['I want a refund for my jacket', 'How do I return an item?', 'Can I get my money back?'],
    followUps: ['It arrived damaged', 'How long does the refund take?'],
    toAgent: [
      'It arrived damaged, the box was crushed.',
      'Yes, I still have the packaging.',
      'Perfect, thanks a lot.',
    ],
  },
  {
    name: 'password reset',
    openings: ['I cannot log in to my account', 'Hi, I forgot my password', 'My account is locked'],
    followUps: ['I did not get the reset email', 'It worked now'],
    toAgent: ['I use {email}, I checked spam too.', 'Okay, trying again now.', 'That worked, thank you!'],
  },
  {
    name: 'opening hours',
    openings: ['What are your opening hours?', 'Are you open on Sunday?', 'When does the store close today?'],
    followUps: ['And on public holidays?'],
    toAgent: ['I wanted to come by the store on Saturday.', 'Good to know.', 'Thanks, bye!'],
  },
  {
    name: 'shipping',
    openings: ['How much is shipping to {country}?', 'Do you ship abroad?', 'How long does delivery take?'],
    followUps: ['Is express shipping available?', 'Can I change my delivery address?'],
    toAgent: ['I am in {country}.', 'Express would be great.', 'Thanks for sorting it out.'],
  },
  {
    name: 'confused',
    openings: ['hello?', 'hi i have a problem with the thing', 'um can you help'],
    followUps: ['the thing from my order', 'never mind, I found it'],
    toAgent: [
      'Sorry, I mean the headphones from {orderId}.',
      'Yes, the left side is quiet.',
      'Okay, thank you!',
    ],
  },
];

export const ASK_FOR_PERSON = [
  'Can I talk to a human, please?',
  'I would like to speak to an agent',
  'Is there a real person I can talk to?',
  'This is not helping, I want a person',
] as const;

/** Lines no bot can place: two in a row make a bot hand over. */
export const CONFUSING = [
  'The thing with the blue one does it again since Tuesday',
  'my cousin said you would know about the voucher code thingy',
  'why is it like that',
  'the app shows the wrong colour on my screen',
] as const;

export const HELPED = ['That helped, thanks', 'Great, that answers it', 'Perfect, thank you!'] as const;
export const DID_NOT_HELP = ["That didn't help", 'Hmm, that is not what I asked'] as const;
export const STILL_WAITING = ['Hello? Is anyone there?', 'Still waiting for someone…', 'Any news?'] as const;

export const PLANS = ['Free', 'Plus', 'Business'] as const;

/** Countries with the locale a customer from there would use. */
export const COUNTRIES = [
  { country: 'Germany', code: 'DE', locale: 'de-DE' },
  { country: 'France', code: 'FR', locale: 'fr-FR' },
  { country: 'the UK', code: 'GB', locale: 'en-GB' },
  { country: 'the US', code: 'US', locale: 'en-US' },
  { country: 'Spain', code: 'ES', locale: 'es-ES' },
  { country: 'Italy', code: 'IT', locale: 'it-IT' },
  { country: 'Sweden', code: 'SE', locale: 'sv-SE' },
  { country: 'Japan', code: 'JP', locale: 'ja-JP' },
  { country: 'Brazil', code: 'BR', locale: 'pt-BR' },
  { country: 'Nigeria', code: 'NG', locale: 'en-NG' },
] as const;
