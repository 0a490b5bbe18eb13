import { describe, expect, it } from 'vitest';
import { decideInstall, decideOffer, isWithinRollout, rolloutBucket } from './update-decision';
import type { FeedRelease, UpdateChannel, UpdateSettings } from './update-decision';

/** A fake update feed as electron-builder publishes it: one file per channel (latest.yml, beta.yml). */
const feed: Record<UpdateChannel, FeedRelease> = {
  stable: { version: '1.3.0', releaseNotes: 'Faster inbox' },
  beta: { version: '1.4.0-beta.2', releaseNotes: 'New queue charts' },
};

const on = (channel: UpdateChannel, extra: Partial<UpdateSettings> = {}): UpdateSettings => ({
  enabled: true,
  channel,
  ...extra,
});

function offer(settings: UpdateSettings, release: FeedRelease, currentVersion = '1.2.0', installId = 'a') {
  return decideOffer({ currentVersion, settings, release, installId });
}

describe('versions in the feed', () => {
  it('refuses a feed version that is not semver, and orders prereleases the way semver does', () => {
    for (const version of ['1.3', '01.3.0', 'latest', 42]) {
      expect(offer(on('stable'), { ...feed.stable, version: version as string })).toMatchObject({
        take: false,
        reason: 'invalid-version',
      });
    }
    // beta.11 is newer than beta.2 (numeric parts compare as numbers), so a beta install on beta.2 takes it.
    expect(offer(on('beta'), { ...feed.stable, version: '1.3.0-beta.11' }, '1.3.0-beta.2')).toMatchObject({
      take: true,
    });
    expect(offer(on('beta'), { ...feed.stable, version: '1.3.0-beta.2' }, '1.3.0-beta.11')).toMatchObject({
      take: false,
      reason: 'not-newer',
    });
  });
});

describe('which update an install takes', () => {
  it('stable takes the stable release and refuses a beta build', () => {
    expect(offer(on('stable'), feed.stable)).toEqual({ take: true, version: '1.3.0' });
    expect(offer(on('stable'), feed.beta)).toMatchObject({ take: false, reason: 'wrong-channel' });
  });

  it('beta takes beta builds and releases, but not alpha builds', () => {
    expect(offer(on('beta'), feed.beta)).toEqual({ take: true, version: '1.4.0-beta.2' });
    expect(offer(on('beta'), feed.stable)).toEqual({ take: true, version: '1.3.0' });
    expect(offer(on('beta'), { version: '1.5.0-alpha.1' })).toMatchObject({ reason: 'wrong-channel' });
  });

  it('never takes the same or an older version (no silent downgrade from beta to stable)', () => {
    expect(offer(on('stable'), feed.stable, '1.3.0')).toMatchObject({ reason: 'not-newer' });
    expect(offer(on('stable'), feed.stable, '1.4.0-beta.2')).toMatchObject({ reason: 'not-newer' });
    expect(offer(on('stable'), feed.stable, '1.3.0-beta.4')).toEqual({ take: true, version: '1.3.0' });
    expect(offer(on('stable'), { version: '1.3.0' }, '1.3.1')).toMatchObject({ reason: 'not-newer' });
  });

  it('takes nothing when the policy turns updates off, whatever the feed says', () => {
    for (const channel of ['stable', 'beta'] as const) {
      expect(offer({ enabled: false, channel }, feed[channel])).toMatchObject({
        take: false,
        reason: 'updates-off',
      });
    }
  });

  it('never goes past a pinned version', () => {
    expect(offer(on('stable', { pinnedVersion: '1.2.5' }), feed.stable)).toMatchObject({
      reason: 'past-pinned-version',
    });
    expect(offer(on('stable', { pinnedVersion: '1.3.0' }), feed.stable)).toEqual({
      take: true,
      version: '1.3.0',
    });
    // A pin that is not a version pins everything rather than nothing.
    expect(offer(on('stable', { pinnedVersion: 'latest' }), feed.stable)).toMatchObject({
      reason: 'past-pinned-version',
    });
  });

  it('refuses a feed whose version is not a version', () => {
    expect(offer(on('stable'), { version: '<script>' })).toMatchObject({ reason: 'invalid-version' });
  });
});

describe('staged rollout', () => {
  const installs = Array.from({ length: 2000 }, (_, i) => `install-${i}`);
  const takers = (percentage: number) =>
    installs.filter(
      (id) => offer(on('stable'), { ...feed.stable, stagingPercentage: percentage }, '1.2.0', id).take,
    );

  it('gives an install the same answer every time', () => {
    expect(rolloutBucket('install-7')).toBe(rolloutBucket('install-7'));
    expect(rolloutBucket('install-7')).not.toBe(rolloutBucket('install-8'));
  });

  it('reaches about the published share of installs, and 0 % and 100 % mean none and all', () => {
    expect(takers(0)).toHaveLength(0);
    expect(takers(100)).toHaveLength(installs.length);
    const share = takers(25).length / installs.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });

  it('only adds installs when the percentage is raised', () => {
    const at10 = new Set(takers(10));
    const at50 = new Set(takers(50));
    for (const id of at10) expect(at50.has(id)).toBe(true);
    expect(at50.size).toBeGreaterThan(at10.size);
  });

  it('says why an install outside the rollout waits', () => {
    const outside = installs.find((id) => !isWithinRollout(10, id))!;
    expect(offer(on('stable'), { ...feed.stable, stagingPercentage: 10 }, '1.2.0', outside)).toMatchObject({
      take: false,
      reason: 'outside-rollout',
    });
    expect(isWithinRollout(Number.NaN, 'x')).toBe(false);
  });
});

describe('installing a downloaded update', () => {
  it('waits while the agent holds conversations, and says what to do', () => {
    const busy = decideInstall({ ready: true, heldConversations: 2 });
    expect(busy).toMatchObject({ install: false, reason: 'agent-busy' });
    expect(busy.install === false && busy.detail).toContain('You hold 2 conversations');
    expect(decideInstall({ ready: true, heldConversations: 1 })).toMatchObject({ reason: 'agent-busy' });
  });

  it('installs once every conversation is handed back or closed', () => {
    expect(decideInstall({ ready: true, heldConversations: 0 })).toEqual({ install: true });
  });

  it('waits when the core cannot say, and does nothing when nothing was downloaded', () => {
    expect(decideInstall({ ready: true, heldConversations: null })).toMatchObject({ reason: 'core-unknown' });
    expect(decideInstall({ ready: false, heldConversations: 0 })).toMatchObject({ reason: 'nothing-ready' });
  });
});
