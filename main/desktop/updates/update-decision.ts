/**
 * Whether this install should take an update the feed offers, and whether a downloaded one may be installed
 * now. Pure: the shell's update controller feeds it what electron-updater read from the feed, the admin's
 * policy, this install's rollout id and how many conversations the agent holds.
 */
import { createHash } from 'node:crypto';
import { compare, parse, prerelease } from 'semver';

export type UpdateChannel = 'stable' | 'beta';

export interface UpdateSettings {
  /** Off: Baton never checks, downloads or installs (the admin deploys versions themselves). */
  enabled: boolean;
  channel: UpdateChannel;
  /** Never go past this version (an admin holding a fleet on a validated release). */
  pinnedVersion?: string;
}

/** One release as the feed describes it (electron-updater's UpdateInfo, reduced). */
export interface FeedRelease {
  version: string;
  /** 0–100; absent means everyone. The publisher raises it to widen a staged rollout. */
  stagingPercentage?: number;
  releaseNotes?: string | null;
  releaseDate?: string;
}

export type OfferDecision =
  | { take: true; version: string }
  | {
      take: false;
      reason:
        | 'updates-off'
        | 'invalid-version'
        | 'not-newer'
        | 'wrong-channel'
        | 'past-pinned-version'
        | 'outside-rollout';
      detail: string;
    };

/**
 * Where this install falls in a staged rollout, in [0, 1): stable for the install (derived from an id kept
 * in the user's data folder), evenly spread across installs. The same id always gives the same bucket, so
 * raising the percentage only ever adds installs.
 */
export function rolloutBucket(installId: string): number {
  const digest = createHash('sha256').update(`baton-rollout:${installId}`).digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000;
}

export function isWithinRollout(stagingPercentage: number | undefined, installId: string): boolean {
  if (stagingPercentage === undefined || stagingPercentage === null) return true;
  if (!Number.isFinite(stagingPercentage)) return false;
  if (stagingPercentage <= 0) return false;
  if (stagingPercentage >= 100) return true;
  return rolloutBucket(installId) < stagingPercentage / 100;
}

export function decideOffer(input: {
  currentVersion: string;
  settings: UpdateSettings;
  release: FeedRelease;
  installId: string;
}): OfferDecision {
  const { settings, release } = input;
  if (!settings.enabled) return { take: false, reason: 'updates-off', detail: 'Updates are off by policy.' };
  const current = parse(input.currentVersion);
  const offered = parse(typeof release.version === 'string' ? release.version : null);
  if (!current || !offered)
    return {
      take: false,
      reason: 'invalid-version',
      detail: `The feed's version "${String(release.version).slice(0, 64)}" is not a version.`,
    };
  if (compare(offered, current) <= 0)
    return { take: false, reason: 'not-newer', detail: `${release.version} is not newer than this version.` };
  const parts = prerelease(offered);
  const tag = parts === null ? null : typeof parts[0] === 'string' ? parts[0] : 'prerelease';
  // Stable takes releases only; beta takes releases and beta builds, never alpha or other prereleases.
  if (tag !== null && !(settings.channel === 'beta' && tag === 'beta'))
    return {
      take: false,
      reason: 'wrong-channel',
      detail: `${release.version} is a ${tag} build; this install follows ${settings.channel}.`,
    };
  if (settings.pinnedVersion !== undefined) {
    const pin = parse(settings.pinnedVersion);
    if (!pin || compare(offered, pin) > 0)
      return {
        take: false,
        reason: 'past-pinned-version',
        detail: `The policy pins Baton at ${settings.pinnedVersion}.`,
      };
  }
  if (!isWithinRollout(release.stagingPercentage, input.installId))
    return {
      take: false,
      reason: 'outside-rollout',
      detail: `${release.version} is rolling out to ${release.stagingPercentage}% of installs; this one is not among them yet.`,
    };
  return { take: true, version: release.version };
}

export type InstallDecision =
  | { install: true }
  | { install: false; reason: 'agent-busy' | 'core-unknown' | 'nothing-ready'; detail: string };

/**
 * A downloaded update restarts Baton, so it is never installed while the agent holds conversations: the
 * agent hands them back or closes them first. When the core cannot say (stopped, starting), it waits too.
 */
export function decideInstall(input: { ready: boolean; heldConversations: number | null }): InstallDecision {
  if (!input.ready)
    return { install: false, reason: 'nothing-ready', detail: 'No update has been downloaded.' };
  if (input.heldConversations === null)
    return {
      install: false,
      reason: 'core-unknown',
      detail: 'Baton cannot tell yet whether you hold conversations; try again in a moment.',
    };
  if (input.heldConversations > 0) {
    const n = input.heldConversations;
    return {
      install: false,
      reason: 'agent-busy',
      detail: `You hold ${n} conversation${n === 1 ? '' : 's'}. Hand ${n === 1 ? 'it' : 'them'} back or close ${n === 1 ? 'it' : 'them'}, then restart to update.`,
    };
  }
  return { install: true };
}
