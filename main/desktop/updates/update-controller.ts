/**
 * Drives electron-updater for Baton: checks the feed of the policy's channel, takes only what
 * `decideOffer` allows (pin, channel, staged rollout), downloads when the agent asks, and restarts into the
 * update only when `decideInstall` allows it (no held conversations). It never installs on quit by itself.
 *
 * The updater is passed in (`UpdaterLike`, the part of electron-updater's AppUpdater used here), so the
 * whole flow is tested with a fake feed. electron-updater checks each download's sha512 against the feed,
 * and on Windows that the installer is signed by the publisher in electron-builder.yml; macOS checks the
 * app's code signature before swapping it in.
 */
import type { DesktopUpdateState } from '../../contract';
import { decideInstall, decideOffer, isWithinRollout } from './update-decision';
import type { FeedRelease, UpdateSettings } from './update-decision';

export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowPrerelease: boolean;
  allowDowngrade: boolean;
  channel: string | null;
  isUserWithinRollout: (info: FeedRelease) => boolean | Promise<boolean>;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  // Each event has its own payload (UpdateInfo, ProgressInfo, Error), as in electron-updater's typings.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: string, listener: (...args: any[]) => void): unknown;
}

export interface UpdateControllerOptions {
  updater: UpdaterLike | null;
  settings: UpdateSettings;
  currentVersion: string;
  installId: string;
  /** Development builds have no update feed. */
  packaged: boolean;
  /** Conversations the agent holds, from the core; null when it cannot tell. */
  heldConversations: () => Promise<number | null>;
  onState: (state: DesktopUpdateState) => void;
  log?: (line: string) => void;
}

/** Release notes arrive as a string or a list of { version, note }; the UI shows plain text. */
function notesText(notes: unknown): string | undefined {
  if (typeof notes === 'string') return notes.slice(0, 20_000);
  if (Array.isArray(notes))
    return notes
      .map(
        (n: { version?: unknown; note?: unknown }) => `${String(n.version ?? '')}\n${String(n.note ?? '')}`,
      )
      .join('\n\n')
      .slice(0, 20_000);
  return undefined;
}

export class UpdateController {
  private state: DesktopUpdateState;
  private readonly log: (line: string) => void;

  constructor(private readonly options: UpdateControllerOptions) {
    this.log = options.log ?? (() => {});
    const { settings } = options;
    const base = { channel: settings.channel, currentVersion: options.currentVersion };
    if (!settings.enabled)
      this.state = { ...base, status: 'off', message: 'Updates are turned off by your administrator.' };
    else if (!options.packaged || !options.updater)
      this.state = { ...base, status: 'off', message: 'Development builds do not update.' };
    else this.state = { ...base, status: 'idle' };
  }

  get current(): DesktopUpdateState {
    return this.state;
  }

  /** Configures the updater and runs the first check. Does nothing when updates are off. */
  start(): void {
    const updater = this.options.updater;
    if (this.state.status === 'off' || !updater) return;
    const { settings, installId } = this.options;
    updater.autoDownload = false;
    // An update restarts Baton; it is installed when the agent says so and holds nothing, never at quit.
    updater.autoInstallOnAppQuit = false;
    updater.allowPrerelease = settings.channel === 'beta';
    updater.allowDowngrade = false;
    updater.channel = settings.channel === 'beta' ? 'beta' : 'latest';
    updater.isUserWithinRollout = (info) => isWithinRollout(info.stagingPercentage, installId);

    updater.on('checking-for-update', () => this.set({ status: 'checking' }));
    updater.on('update-not-available', () => this.set({ status: 'idle' }));
    updater.on('update-available', (info: FeedRelease) => this.onAvailable(info));
    updater.on('download-progress', (progress: { percent?: number }) =>
      this.set({ status: 'downloading', percent: Math.max(0, Math.min(100, Number(progress.percent) || 0)) }),
    );
    updater.on('update-downloaded', (info: FeedRelease) =>
      this.set({ status: 'ready', version: info.version, percent: 100 }),
    );
    updater.on('error', (error: Error) => {
      // A failed check or a download whose checksum or signature does not match ends here.
      this.log(`updates: ${error?.message ?? String(error)}`);
      this.set({
        status: 'error',
        message: 'The update could not be checked or downloaded; Baton will try again later.',
      });
    });
    void this.check();
  }

  async check(): Promise<void> {
    if (this.state.status === 'off' || !this.options.updater) return;
    if (this.state.status === 'downloading' || this.state.status === 'ready') return;
    try {
      await this.options.updater.checkForUpdates();
    } catch (error) {
      this.log(`updates: check failed (${error instanceof Error ? error.message : String(error)})`);
      this.set({ status: 'error', message: 'Baton could not reach its update server.' });
    }
  }

  private onAvailable(info: FeedRelease): void {
    const decision = decideOffer({
      currentVersion: this.options.currentVersion,
      settings: this.options.settings,
      release: info,
      installId: this.options.installId,
    });
    if (!decision.take) {
      this.log(`updates: not taking ${String(info?.version).slice(0, 64)}: ${decision.detail}`);
      this.set({ status: 'idle' });
      return;
    }
    this.set({ status: 'available', version: decision.version, releaseNotes: notesText(info.releaseNotes) });
  }

  async download(): Promise<DesktopUpdateState> {
    if (this.state.status !== 'available' || !this.options.updater) return this.state;
    this.set({ status: 'downloading', percent: 0 });
    try {
      await this.options.updater.downloadUpdate();
    } catch (error) {
      this.log(`updates: download failed (${error instanceof Error ? error.message : String(error)})`);
      this.set({ status: 'error', message: 'The update could not be downloaded or did not verify.' });
    }
    return this.state;
  }

  async install(): Promise<DesktopUpdateState> {
    if (!this.options.updater) return this.state;
    const held = await this.options.heldConversations();
    const decision = decideInstall({ ready: this.state.status === 'ready', heldConversations: held });
    if (!decision.install) {
      if (decision.reason !== 'nothing-ready') this.set({ message: decision.detail });
      return this.state;
    }
    this.log(`updates: restarting into ${this.state.version}`);
    this.options.updater.quitAndInstall(false, true);
    return this.state;
  }

  private set(patch: Partial<DesktopUpdateState>): void {
    const next: DesktopUpdateState = { ...this.state, ...patch };
    // A message belongs to the state it was set with.
    if (patch.status !== undefined && patch.message === undefined) delete next.message;
    if (patch.status !== undefined && patch.status !== 'downloading' && patch.status !== 'ready')
      delete next.percent;
    this.state = next;
    this.options.onState(next);
  }
}
