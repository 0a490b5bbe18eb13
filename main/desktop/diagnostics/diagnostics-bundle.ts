/**
 * The text an agent copies with "Copy diagnostics" and pastes into a support ticket: versions, OS, update
 * state, the policy's problems, each workspace's health, and the last lines of the local log. Everything
 * passes through `redact` last, so nothing assembled here can carry a secret or a customer's words out.
 */
import { redact } from './redact';

export interface WorkspaceHealthLine {
  id: string;
  platform: string;
  health: string;
  enabled: boolean;
}

export interface DiagnosticsInput {
  appVersion: string;
  versions: Record<string, string | undefined>;
  os: { platform: string; release: string; arch: string };
  generatedAt: Date;
  packaged: boolean;
  updates: string;
  policy: { path: string | null; problems: readonly string[] };
  /** From the core; null when it could not answer (stopped, restarting). */
  core: { heldConversations: number; workspaces: readonly WorkspaceHealthLine[] } | null;
  logLines: readonly string[];
  knownSecrets?: readonly string[];
}

export const DIAGNOSTICS_LOG_LINES = 200;

export function buildDiagnostics(input: DiagnosticsInput): string {
  const lines: string[] = [
    'Baton diagnostics',
    `generated: ${input.generatedAt.toISOString()}`,
    `version: ${input.appVersion}${input.packaged ? '' : ' (development build)'}`,
    ...Object.entries(input.versions)
      .filter(([, v]) => v)
      .map(([name, v]) => `${name}: ${v}`),
    `os: ${input.os.platform} ${input.os.release} ${input.os.arch}`,
    `updates: ${input.updates}`,
    `policy: ${input.policy.path ?? 'none'}`,
    ...input.policy.problems.map((p) => `  policy problem: ${p}`),
  ];
  if (input.core) {
    lines.push(`conversations held: ${input.core.heldConversations}`);
    lines.push(`workspaces: ${input.core.workspaces.length}`);
    for (const w of input.core.workspaces)
      lines.push(`  ${w.id} (${w.platform}): ${w.health}${w.enabled ? '' : ', disabled'}`);
  } else {
    lines.push('core: not answering (stopped or restarting)');
  }
  lines.push('', `last ${Math.min(input.logLines.length, DIAGNOSTICS_LOG_LINES)} log lines:`);
  lines.push(...input.logLines.slice(-DIAGNOSTICS_LOG_LINES));
  return redact(lines.join('\n'), input.knownSecrets);
}
