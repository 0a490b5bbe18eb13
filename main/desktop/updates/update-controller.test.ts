import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { DesktopUpdateState } from '../../contract';
import { UpdateController } from './update-controller';
import type { UpdaterLike } from './update-controller';
import type { FeedRelease, UpdateSettings } from './update-decision';
import { rolloutBucket } from './update-decision';

/**
 * A fake electron-updater over a fake feed: it reads the file of its channel (latest / beta) and, like the
 * real one, emits update-available only for a newer version inside the rollout. `tamper` makes the
 * download fail verification, as a bad sha512 or signature does.
 */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowPrerelease = false;
  allowDowngrade = true;
  channel: string | null = null;
  isUserWithinRollout: (info: FeedRelease) => boolean | Promise<boolean> = () => true;
  tamper = false;
  readonly quitAndInstall = vi.fn();
  constructor(
    private readonly feed: Record<string, FeedRelease>,
    private readonly current: string,
  ) {
    super();
  }
  async checkForUpdates(): Promise<unknown> {
    this.emit('checking-for-update');
    const release = this.feed[this.channel ?? 'latest'];
    if (release && release.version !== this.current && (await this.isUserWithinRollout(release)))
      this.emit('update-available', release);
    else this.emit('update-not-available', release);
    return null;
  }
  async downloadUpdate(): Promise<unknown> {
    const release = this.feed[this.channel ?? 'latest']!;
    this.emit('download-progress', { percent: 50 });
    if (this.tamper) throw new Error('sha512 checksum mismatch');
    this.emit('update-downloaded', release);
    return [];
  }
}

const feed = {
  latest: { version: '1.3.0', releaseNotes: 'Faster inbox' },
  beta: { version: '1.4.0-beta.1', releaseNotes: 'Queue charts' },
};

function setup(
  settings: Partial<UpdateSettings> = {},
  options: {
    held?: number | null;
    installId?: string;
    packaged?: boolean;
    feedOverride?: Record<string, FeedRelease>;
  } = {},
) {
  const updater = new FakeUpdater(options.feedOverride ?? feed, '1.2.0');
  const states: DesktopUpdateState[] = [];
  let held = options.held ?? 0;
  const controller = new UpdateController({
    updater,
    settings: { enabled: true, channel: 'stable', ...settings },
    currentVersion: '1.2.0',
    installId: options.installId ?? 'install-1',
    packaged: options.packaged ?? true,
    heldConversations: async () => (options.held === null ? null : held),
    onState: (s) => states.push(s),
  });
  return { updater, controller, states, setHeld: (n: number) => (held = n) };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the update flow', () => {
  it('stable: shows the release with its notes, downloads on request, and restarts when nothing is held', async () => {
    const { updater, controller, states } = setup();
    controller.start();
    await settled();
    expect(updater.autoDownload).toBe(false);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.channel).toBe('latest');
    expect(controller.current).toMatchObject({
      status: 'available',
      version: '1.3.0',
      releaseNotes: 'Faster inbox',
    });
    await controller.download();
    expect(states.map((s) => s.status)).toEqual([
      'checking',
      'available',
      'downloading',
      'downloading',
      'ready',
    ]);
    await controller.install();
    expect(updater.quitAndInstall).toHaveBeenCalledOnce();
  });

  it('beta reads the beta feed and allows beta builds', async () => {
    const { updater, controller } = setup({ channel: 'beta' });
    controller.start();
    await settled();
    expect(updater.channel).toBe('beta');
    expect(updater.allowPrerelease).toBe(true);
    expect(controller.current).toMatchObject({ status: 'available', version: '1.4.0-beta.1' });
  });

  it('does not restart while the agent holds conversations, says why, and restarts once they are handed back', async () => {
    const { updater, controller, setHeld } = setup({}, { held: 2 });
    controller.start();
    await settled();
    await controller.download();
    const waiting = await controller.install();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(waiting).toMatchObject({
      status: 'ready',
      message: expect.stringContaining('You hold 2 conversations'),
    });
    setHeld(0);
    await controller.install();
    expect(updater.quitAndInstall).toHaveBeenCalledOnce();
  });

  it('does not restart when the core cannot say whether conversations are held', async () => {
    const { updater, controller } = setup({}, { held: null });
    controller.start();
    await settled();
    await controller.download();
    await controller.install();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('policy off: never checks, downloads or installs', async () => {
    const { updater, controller } = setup({ enabled: false });
    const check = vi.spyOn(updater, 'checkForUpdates');
    controller.start();
    await controller.download();
    await controller.install();
    expect(check).not.toHaveBeenCalled();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(controller.current).toMatchObject({
      status: 'off',
      message: expect.stringContaining('administrator'),
    });
  });

  it('pinned: a newer release past the pin is not offered', async () => {
    const { controller } = setup({ pinnedVersion: '1.2.5' });
    controller.start();
    await settled();
    expect(controller.current.status).toBe('idle');
  });

  it('staged rollout: an install outside the percentage is not offered the release', async () => {
    const installId = Array.from({ length: 100 }, (_, i) => `id-${i}`).find((id) => rolloutBucket(id) > 0.5)!;
    const staged = { latest: { version: '1.3.0', stagingPercentage: 20 } };
    const { controller } = setup({}, { installId, feedOverride: staged });
    controller.start();
    await settled();
    expect(controller.current.status).toBe('idle');
    const inside = Array.from({ length: 100 }, (_, i) => `id-${i}`).find((id) => rolloutBucket(id) < 0.2)!;
    const second = setup({}, { installId: inside, feedOverride: staged });
    second.controller.start();
    await settled();
    expect(second.controller.current.status).toBe('available');
  });

  it('a download that fails verification ends in an error and is never installed', async () => {
    const { updater, controller } = setup();
    updater.tamper = true;
    controller.start();
    await settled();
    await controller.download();
    expect(controller.current.status).toBe('error');
    await controller.install();
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('development builds do not update', () => {
    const { controller } = setup({}, { packaged: false });
    expect(controller.current.status).toBe('off');
  });
});
