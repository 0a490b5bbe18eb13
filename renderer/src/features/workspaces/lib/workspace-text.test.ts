import { describe, expect, it } from 'vitest';
import { capabilityList, unsupportedReason } from './workspace-text';

describe('capabilityList', () => {
  it('lists supported capabilities first, then the rest with their reasons', () => {
    const list = capabilityList({
      supported: ['tags', 'handBack'],
      reasons: { rating: 'Dialai has no rating API; Baton keeps the rating for itself.' },
    });
    expect(list).toHaveLength(9);
    expect(list.slice(0, 2).map((i) => [i.label, i.supported, i.reason])).toEqual([
      ['Hand back', true, null],
      ['Tags', true, null],
    ]);
    const rating = list.find((i) => i.name === 'rating');
    expect(rating).toMatchObject({
      supported: false,
      reason: 'Dialai has no rating API; Baton keeps the rating for itself.',
    });
    expect(list.slice(2).every((i) => !i.supported && !!i.reason)).toBe(true);
  });

  it('gives friendly names to every capability', () => {
    expect(capabilityList({ supported: [], reasons: {} }).map((i) => i.label)).toEqual([
      'Rich content',
      'Quick replies',
      'Typing indicator',
      'Read receipts',
      'Rating',
      'Hand back',
      'Attachments',
      'Live stream',
      'Tags',
    ]);
  });

  it('ignores capability names this build does not know', () => {
    const list = capabilityList({ supported: ['rating', 'teleport' as never], reasons: {} });
    expect(list).toHaveLength(9);
    expect(list[0]?.name).toBe('rating');
  });
});

describe('unsupportedReason', () => {
  it('falls back to a plain sentence when the connector gives none (or a blank one)', () => {
    expect(unsupportedReason({ supported: [], reasons: { handBack: '  ' } }, 'handBack')).toBe(
      "This platform can't hand a conversation back to its bot.",
    );
    expect(unsupportedReason({ supported: [], reasons: {} }, 'typing')).toBe(
      'Not available on this platform.',
    );
  });
});
