/**
 * The workspaces an agent added, persisted as `<dataDir>/workspaces.json`: non-secret settings only (the
 * secrets are in the keychain). Every write goes to a temporary file that is then renamed over the old one,
 * so a crash leaves either the old list or the new one, never half of either.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { PlatformKind } from '../../contract';

export const SavedWorkspace = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/),
  platform: PlatformKind,
  displayName: z.string().min(1).max(80),
  settings: z.record(z.string(), z.string()),
  enabled: z.boolean(),
  /** Who signed in (Dialai); the token itself is in the keychain. */
  account: z.string().max(200).optional(),
});
export type SavedWorkspace = z.infer<typeof SavedWorkspace>;

const RegistryFile = z.object({ version: z.literal(1), workspaces: z.array(z.unknown()) });

export const REGISTRY_FILE = 'workspaces.json';

export class WorkspaceRegistry {
  private readonly path: string;

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, REGISTRY_FILE);
  }

  /** The saved workspaces; entries that no longer validate are skipped and reported, not fatal. */
  async load(): Promise<{ workspaces: SavedWorkspace[]; problems: string[] }> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { workspaces: [], problems: [] };
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return {
        workspaces: [],
        problems: [`${this.path} is not valid JSON; no saved workspaces were loaded.`],
      };
    }
    const file = RegistryFile.safeParse(json);
    if (!file.success) {
      return { workspaces: [], problems: [`${this.path} is not a Baton workspace list; it was ignored.`] };
    }
    const workspaces: SavedWorkspace[] = [];
    const problems: string[] = [];
    file.data.workspaces.forEach((raw, index) => {
      const parsed = SavedWorkspace.safeParse(raw);
      if (parsed.success) workspaces.push(parsed.data);
      else problems.push(`${this.path}: workspace ${index + 1} is invalid and was skipped.`);
    });
    return { workspaces, problems };
  }

  async save(workspaces: readonly SavedWorkspace[]): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    const body = JSON.stringify({ version: 1, workspaces }, null, 2) + '\n';
    const temp = `${this.path}.${randomUUID()}.tmp`;
    try {
      await writeFile(temp, body, { encoding: 'utf8', mode: 0o600, flush: true });
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
