/**
 * The simulated Certainly bot: a handful of modules, evaluated against the customer's text by keyword. It is
 * deliberately small and predictable (tests and demos rely on it). The handover module carries the
 * `handover` KPI tag: that is how an integrator learns that the bot handed the conversation to a human.
 */
import { DEFAULT_START_MODULE_ID, HANDOVER_KPI_TAG } from '../wire';
import type { BotAction, BotModule } from '../wire';

export interface SimModule {
  id: number;
  name: string;
  groupColour: string | null;
  kpiTags: string[];
  actions: BotAction[];
}

const id = (value: string): number => Number(value);

export const MODULE_IDS = {
  welcome: id(DEFAULT_START_MODULE_ID),
  orderStatus: 102,
  refund: 103,
  openingHours: 104,
  passwordReset: 105,
  fallback: 106,
  handover: 107,
  thanks: 108,
} as const;

const MENU = {
  type: 'choice',
  text: 'What can I help you with?',
  options: [
    { text: 'Order status', ref: String(MODULE_IDS.orderStatus) },
    { text: 'Refund', ref: String(MODULE_IDS.refund) },
    { text: 'Opening hours', ref: String(MODULE_IDS.openingHours) },
    { text: 'Password reset', ref: String(MODULE_IDS.passwordReset) },
  ],
} satisfies BotAction;

const text = (value: string): BotAction => ({ type: 'text', text: value });

export const MODULES: readonly SimModule[] = [
  {
    id: MODULE_IDS.welcome,
    name: 'Welcome',
    groupColour: '#2f9e44',
    kpiTags: [],
    actions: [
      text("Hi! I'm Certa, Acme's assistant. I can help with orders, refunds, opening hours and passwords."),
      MENU,
    ],
  },
  {
    id: MODULE_IDS.orderStatus,
    name: 'Order status',
    groupColour: '#1971c2',
    kpiTags: ['orders'],
    actions: [
      text(
        'Orders leave our warehouse within one business day. The tracking link is in your confirmation email; most parcels arrive within 2 to 3 business days.',
      ),
    ],
  },
  {
    id: MODULE_IDS.refund,
    name: 'Refund',
    groupColour: '#1971c2',
    kpiTags: ['refunds'],
    actions: [
      text(
        'You can return any item within 30 days. Once it reaches us, the refund goes to your original payment method within 5 to 7 business days.',
      ),
    ],
  },
  {
    id: MODULE_IDS.openingHours,
    name: 'Opening hours',
    groupColour: '#1971c2',
    kpiTags: [],
    actions: [
      text('Our support team is available Monday to Friday, 8:00 to 18:00, and Saturday 9:00 to 13:00.'),
    ],
  },
  {
    id: MODULE_IDS.passwordReset,
    name: 'Password reset',
    groupColour: '#1971c2',
    kpiTags: ['account'],
    actions: [
      text(
        'Choose "Forgot password" on the sign-in page and follow the link we email you. The link is valid for 30 minutes.',
      ),
    ],
  },
  {
    id: MODULE_IDS.fallback,
    name: 'Fallback',
    groupColour: '#868e96',
    kpiTags: ['fallback'],
    actions: [
      text(
        "Sorry, I didn't get that. I can help with orders, refunds, opening hours and passwords, or you can ask for a person.",
      ),
    ],
  },
  {
    id: MODULE_IDS.handover,
    name: 'Human handover',
    groupColour: '#e8590c',
    kpiTags: [HANDOVER_KPI_TAG],
    actions: [text("I'm handing you over to a colleague. Someone will be with you shortly.")],
  },
  {
    id: MODULE_IDS.thanks,
    name: 'Thanks',
    groupColour: '#2f9e44',
    kpiTags: [],
    actions: [text("You're welcome! Is there anything else I can do for you?")],
  },
];

const byId = new Map(MODULES.map((m) => [m.id, m]));

export function findModule(ref: string): SimModule | undefined {
  return /^\d+$/.test(ref) ? byId.get(Number(ref)) : undefined;
}

export function requireModule(moduleId: number): SimModule {
  const found = byId.get(moduleId);
  if (!found) throw new Error(`The simulated bot has no module ${moduleId}`);
  return found;
}

/** Keyword connections, checked in order: asking for a person wins over any topic in the same sentence. */
const CONNECTIONS: { pattern: RegExp; moduleId: number }[] = [
  {
    pattern: /\b(human|person|agent|someone|somebody|representative|operator|real people|talk to)\b/i,
    moduleId: MODULE_IDS.handover,
  },
  { pattern: /\b(password|log ?in|sign ?in|locked out|reset)\b/i, moduleId: MODULE_IDS.passwordReset },
  { pattern: /\b(refunds?|money back|returns?|returning|reimburse)\b/i, moduleId: MODULE_IDS.refund },
  {
    pattern: /\b(order|orders|package|parcel|delivery|shipping|shipped|track(ing)?|arrive[ds]?)\b/i,
    moduleId: MODULE_IDS.orderStatus,
  },
  { pattern: /\b(hours|open|opening|closed|when are you)\b/i, moduleId: MODULE_IDS.openingHours },
  { pattern: /\b(thanks|thank you|thx|cheers)\b/i, moduleId: MODULE_IDS.thanks },
  {
    pattern: /^\s*(hi|hello|hey|good (morning|afternoon|evening)|menu|help)\b/i,
    moduleId: MODULE_IDS.welcome,
  },
];

/** Misunderstandings in a row after which the bot gives up and hands over. */
export const FALLBACKS_BEFORE_HANDOVER = 2;

export interface Evaluation {
  module: SimModule;
  /** True when no connection matched: the fallback module, or the handover it leads to. */
  fallback: boolean;
  /** Consecutive misunderstandings after this message. */
  fallbacksInARow: number;
}

/** Where the customer's text lands, given how many times in a row the bot already failed to understand. */
export function evaluate(textValue: string, fallbacksInARow: number): Evaluation {
  const match = CONNECTIONS.find((connection) => connection.pattern.test(textValue));
  if (match) return { module: requireModule(match.moduleId), fallback: false, fallbacksInARow: 0 };
  const count = fallbacksInARow + 1;
  if (count >= FALLBACKS_BEFORE_HANDOVER) {
    return { module: requireModule(MODULE_IDS.handover), fallback: true, fallbacksInARow: 0 };
  }
  return { module: requireModule(MODULE_IDS.fallback), fallback: true, fallbacksInARow: count };
}

export function wireModule(m: SimModule): BotModule {
  return { id: m.id, name: m.name, group_colour: m.groupColour, kpi_tags: [...m.kpiTags] };
}
