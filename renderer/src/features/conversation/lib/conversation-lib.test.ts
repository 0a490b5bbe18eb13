import { describe, expect, it } from 'vitest';
import { capability, ratingDestination } from './capabilities';
import { detailsLayout } from './details-layout';
import { markerTone } from './markers';
import type { Workspace } from '@contract';

function workspace(capabilities: Workspace['capabilities']): Workspace {
  return {
    id: 'ws1',
    platform: 'directly',
    displayName: 'Directly demo',
    baseUrl: 'http://127.0.0.1:1',
    demo: true,
    capabilities,
    health: { state: 'connected', since: '2026-01-01T10:00:00.000Z' },
    enabled: true,
    locked: false,
    settings: {},
    secrets: {},
  };
}

describe('capability', () => {
  it('offers an action while the workspace is unknown, and explains a missing one', () => {
    expect(capability(undefined, 'handBack')).toEqual({ supported: true, reason: null });
    expect(capability(workspace({ supported: ['handBack'], reasons: {} }), 'handBack').supported).toBe(true);
    expect(
      capability(
        workspace({ supported: [], reasons: { handBack: 'Engage keeps the conversation.' } }),
        'handBack',
      ),
    ).toEqual({ supported: false, reason: 'Engage keeps the conversation.' });
  });
});

describe('ratingDestination', () => {
  it('names the platform when it takes the rating', () => {
    expect(ratingDestination('directly', { supported: true, reason: null })).toEqual({
      reachesPlatform: true,
      before: 'Directly receives this rating.',
      after: 'Sent to Directly',
    });
  });

  it("keeps the connector's reason when it does not", () => {
    const reason = 'Dialai has no rating API; Baton keeps the rating for itself.';
    const result = ratingDestination('dialai', { supported: false, reason });
    expect(result.reachesPlatform).toBe(false);
    expect(result.before).toBe(reason);
    expect(result.after).toBe(`Not sent to Dialai. ${reason}`);
    expect(ratingDestination('directline', { supported: false, reason: null }).before).toContain(
      'Direct Line',
    );
  });
});

describe('markerTone', () => {
  it('tells silenced from resumed, and the waiting tone for escalations', () => {
    const event = (name: string) => ({ type: 'event' as const, name, text: name });
    expect(markerTone(event('taken_over'))).toBe('silenced');
    expect(markerTone(event('handed_back'))).toBe('resumed');
    expect(markerTone(event('escalated'))).toBe('escalated');
    expect(markerTone(event('closed'))).toBe('closed');
    expect(markerTone(event('toString'))).toBe('neutral');
    expect(markerTone(event('something_else'))).toBe('neutral');
    expect(markerTone({ type: 'text', text: 'taken_over' })).toBe('neutral');
  });
});

describe('detailsLayout', () => {
  it('uses a column only when the transcript keeps enough room', () => {
    expect(detailsLayout(836)).toBe('column');
    expect(detailsLayout(760)).toBe('column');
    expect(detailsLayout(716)).toBe('drawer');
    expect(detailsLayout(0)).toBe('drawer');
  });
});
