/**
 * A simulated customer as the company's backend knows them: an id, a name, a profile and custom variables,
 * so platforms that show such facts to bots and agents (Certainly's `user_profile` and `user_cvars`) have
 * something real-looking to show.
 */
import { randomUUID } from 'node:crypto';
import { COUNTRIES, CUSTOMER_NAMES, PLANS } from './customer-lines';
import type { ChannelCustomer } from './wire';

export type Random = () => number;

export function pick<T>(items: readonly T[], random: Random): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** "Chloé Martin" → "chloe.martin" */
function emailLocalPart(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  return ascii.replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '') || 'customer';
}

/** Values the scripted lines refer to (`{orderId}`, `{email}`, `{country}`). */
export interface CustomerFacts {
  orderId: string;
  email: string;
  country: string;
}

export function newCustomer(
  random: Random,
  name: string = pick(CUSTOMER_NAMES, random),
): { customer: ChannelCustomer; facts: CustomerFacts } {
  const place = pick(COUNTRIES, random);
  const plan = pick(PLANS, random);
  const orderId = `ORD-${100_000 + Math.floor(random() * 900_000)}`;
  const email = `${emailLocalPart(name)}@example.com`;
  const since = 2016 + Math.floor(random() * 9);
  return {
    customer: {
      id: `cust_${randomUUID()}`,
      name,
      profile: { email, plan, country: place.code, customerSince: String(since) },
      variables: { orderId, locale: place.locale, plan: plan.toLowerCase() },
    },
    facts: { orderId, email, country: place.country },
  };
}

export function fillLine(line: string, facts: CustomerFacts): string {
  return line.replace(/\{(orderId|email|country)\}/g, (_, key: keyof CustomerFacts) => facts[key]);
}
