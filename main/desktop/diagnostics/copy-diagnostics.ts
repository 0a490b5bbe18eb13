/** Gathers what the diagnostics bundle needs from the shell, the core and the local log. */
import os from 'node:os';
import type { DesktopUpdateState, DiagnosticsCopyResult } from '../../contract';
import type { CoreProcessStatus } from '../../hosts/core-process';
import { buildDiagnostics, DIAGNOSTICS_LOG_LINES } from './diagnostics-bundle';

export interface CopyDiagnosticsDeps {
  appVersion: string;
  packaged: boolean;
  updates: () => DesktopUpdateState;
  policy: { path: string | null; problems: readonly string[] };
  coreStatus: () => Promise<CoreProcessStatus | null>;
  logTail: (count: number) => string[];
  writeClipboard: (text: string) => void;
  now?: () => Date;
}

export function describeUpdates(state: DesktopUpdateState): string {
  const parts = [`${state.channel}`, state.status];
  if (state.version) parts.push(`offered ${state.version}`);
  if (state.message) parts.push(state.message);
  return parts.join(', ');
}

export async function copyDiagnostics(deps: CopyDiagnosticsDeps): Promise<DiagnosticsCopyResult> {
  const status = await deps.coreStatus();
  const text = buildDiagnostics({
    appVersion: deps.appVersion,
    versions: {
      electron: process.versions.electron,
      chrome: process.versions.chrome,
      node: process.versions.node,
    },
    os: { platform: process.platform, release: os.release(), arch: process.arch },
    generatedAt: (deps.now ?? (() => new Date()))(),
    packaged: deps.packaged,
    updates: describeUpdates(deps.updates()),
    policy: deps.policy,
    core:
      status && status.heldConversations !== null
        ? { heldConversations: status.heldConversations, workspaces: status.workspaces }
        : null,
    logLines: deps.logTail(DIAGNOSTICS_LOG_LINES),
  });
  deps.writeClipboard(text);
  return { copied: true, lines: text.split('\n').length };
}
