/**
 * PENDING (renamed from *.test.ts so vitest does not run it): what the connectors' mappings produce from
 * schema-valid platform data must satisfy the contract's `MessageContent`, since it is stored and streamed
 * to clients as is. Fails today; rename to `mapped-content.test.ts` once the mappings clamp their output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageContent } from '../contract';
import * as dialaiMapping from '../providers/dialai/mapping';
import { WireMessage } from '../providers/dialai/wire';
import * as directlineMapping from '../providers/directline/mapping';
import { Message as DirectLineMessage } from '../providers/directline/wire';
import * as direqtMapping from '../providers/direqt/mapping';
import { UserAction, UserContent } from '../providers/direqt/wire';
import { fuzzInput } from './mutate';
import * as samples from './wire-samples';

function expectContract(content: unknown): void {
  const parsed = MessageContent.safeParse(content);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)?.slice(0, 300)).toBe(true);
}

describe('mapped platform content satisfies the contract', () => {
  it('Dialai messages', () => {
    fc.assert(
      fc.property(fuzzInput(...samples.DIALAI_MESSAGES), (body) => {
        const parsed = WireMessage.safeParse(body);
        if (parsed.success)
          dialaiMapping.toPlatformMessages([parsed.data]).forEach((m) => expectContract(m.content));
      }),
      { numRuns: 3000 },
    );
  });
  it('Direct Line messages', () => {
    fc.assert(
      fc.property(fuzzInput(...(samples.DIRECTLINE_MESSAGE_SET.messages as unknown[])), (body) => {
        const parsed = DirectLineMessage.safeParse(body);
        if (parsed.success) {
          directlineMapping
            .toPlatformMessages('http://127.0.0.1:9', parsed.data, 'u-1')
            .forEach((m) => expectContract(m.content));
        }
      }),
      { numRuns: 3000 },
    );
  });
  it('Direqt user content and actions', () => {
    const seeds = samples.DIREQT_DELIVERIES.map((d) => d.userMessage);
    fc.assert(
      fc.property(
        fuzzInput(...seeds.map((m) => ('content' in m ? m.content : 'action' in m ? m.action : m))),
        (body) => {
          const content = UserContent.safeParse(body);
          if (content.success) expectContract(direqtMapping.fromUserContent(content.data));
          const action = UserAction.safeParse(body);
          if (action.success) expectContract(direqtMapping.fromUserAction(action.data));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
