/**
 * What the company's demo chatbot says: a few common questions answered with text, a card with two
 * suggestions or a carousel (images from the Direqt simulator's `/media`), and a handoff when the user asks
 * for a person. Pure: the server decides how the answer travels.
 */
import type { AgentMessage, RelayAnswer, UserMessage } from '../wire';

const HUMAN = /\b(person|human|agent|someone|somebody|representative)\b/i;
export const HANDOFF_CONTEXT = 'talk-to-person';
export const HANDOFF_REASON = 'Customer asked for a person';

const text = (value: string, replies: [string, string][] = []): AgentMessage => ({
  messageType: 'content',
  content: {
    contentType: 'text',
    text: value,
    ...(replies.length > 0 && {
      suggestions: replies.map(([label, context]) => ({
        suggestionType: 'reply' as const,
        text: label,
        context,
      })),
    }),
  },
});

const MENU: [string, string][] = [
  ['Opening hours', 'hours'],
  ['Our plans', 'plans'],
  ['Talk to a person', HANDOFF_CONTEXT],
];

export function answer(message: UserMessage, mediaBase: string): RelayAnswer {
  if (message.messageType === 'content' && message.content.contentType === 'geolocation') {
    return { messages: [storeCard(mediaBase)] };
  }
  if (message.messageType === 'content' && message.content.contentType === 'file') {
    return {
      messages: [text('Thanks for the photo. A colleague will look at it with you.')],
      handoff: { reason: 'Customer sent a photo of a problem' },
    };
  }
  if (message.messageType !== 'content' || message.content.contentType !== 'text') return {};
  const said = message.content.text;
  const context = message.content.context;
  if (context === HANDOFF_CONTEXT || HUMAN.test(said)) {
    return {
      messages: [text('Of course — I am getting a colleague for you. It will not take long.')],
      handoff: { reason: HANDOFF_REASON },
    };
  }
  if (context === 'hours' || /\b(hours|open|close)/i.test(said)) {
    return { messages: [text('We are open Monday to Saturday, 9:00 to 18:00.', [['Thanks!', 'thanks']])] };
  }
  if (context === 'plans' || /\b(plan|plans|price|pricing)\b/i.test(said)) {
    return { messages: [text('Here are our plans:'), plansCarousel(mediaBase)] };
  }
  if (context === 'track' || /\b(order|package|parcel|delivery)\b/i.test(said)) {
    return { messages: [orderCard(mediaBase)] };
  }
  if (/\b(store|shop|near)\b/i.test(said)) {
    return { messages: [text('Share your location and I will find the nearest store.')] };
  }
  if (context === 'thanks' || /\b(thanks|thank you)\b/i.test(said)) {
    return { messages: [text('You are welcome! Anything else?', MENU)] };
  }
  return { messages: [text('Hi! I am the Acme assistant. How can I help?', MENU)] };
}

function orderCard(mediaBase: string): AgentMessage {
  return {
    messageType: 'content',
    content: {
      contentType: 'card',
      card: {
        title: 'Your order #4711',
        description: 'Shipped yesterday, expected tomorrow.',
        mediaUrl: `${mediaBase}/media/order-status.png`,
        suggestions: [
          {
            suggestionType: 'openUrl',
            text: 'Track parcel',
            openUrl: { uri: 'https://example.com/track/4711' },
          },
          { suggestionType: 'reply', text: 'Talk to a person', context: HANDOFF_CONTEXT },
        ],
      },
    },
  };
}

function plansCarousel(mediaBase: string): AgentMessage {
  const plan = (name: string, price: string, image: string) => ({
    title: name,
    description: price,
    mediaUrl: `${mediaBase}/media/${image}`,
    suggestions: [{ suggestionType: 'reply' as const, text: `Choose ${name}`, context: `plan-${name}` }],
  });
  return {
    messageType: 'content',
    content: {
      contentType: 'carousel',
      carousel: {
        cards: [
          plan('Basic', '9 € a month', 'plan-basic.png'),
          plan('Plus', '19 € a month', 'plan-plus.png'),
          plan('Pro', '39 € a month', 'plan-pro.png'),
        ],
      },
    },
  };
}

function storeCard(mediaBase: string): AgentMessage {
  return {
    messageType: 'content',
    content: {
      contentType: 'card',
      card: {
        title: 'Acme Store Central',
        description: '12 Market Street, open until 18:00',
        mediaUrl: `${mediaBase}/media/store-map.png`,
        suggestions: [
          { suggestionType: 'dial', text: 'Call the store', dial: { phoneNumber: '+4930123456' } },
        ],
      },
    },
  };
}
