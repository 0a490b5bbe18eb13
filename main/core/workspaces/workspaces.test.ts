import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import type * as Keytar from 'keytar';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES, PROTOCOL_VERSION } from '../../contract';
import { startBaton } from '../../hosts/bootstrap';
import { startSimulators } from '../../hosts/simulators';
import { KeytarSecretStore, MemorySecretStore } from '../secrets/secret-store';
import { memoryChannel, tempDir, until } from '../test-support';
import { loadPolicy } from './policy';
import { validateWorkspaceFields } from './validation';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(options: { policy?: object | string; dataDir?: string } = {}) {
  const dataDir = options.dataDir ?? tempDir('baton-ws-');
  let policyPath: string | null = null;
  if (options.policy !== undefined) {
    policyPath = join(tempDir('baton-policy-'), 'policy.json');
    writeFileSync(
      policyPath,
      typeof options.policy === 'string' ? options.policy : JSON.stringify(options.policy),
    );
  }
  const logs: string[] = [];
  // Under `npm test` (a D-Bus session with an unlocked gnome-keyring) the real OS keychain, as users have it.
  const secrets = process.env.BATON_KEYCHAIN ? new KeytarSecretStore() : new MemorySecretStore();
  const baton = await startBaton({ demo: false, dataDir, policyPath, secrets, log: (l) => logs.push(l) });
  cleanups.push(() => baton.close());
  const client = memoryChannel();
  baton.core.attach(client.channel, { defaultAgentName: 'Ada' });
  let next = 0;
  const call = async (method: string, params: unknown) => {
    const id = `r${++next}`;
    client.deliver({ kind: 'request', id, method, params });
    await until(() => client.received.some((f) => (f as { id?: string }).id === id), 15_000);
    return client.received.find((f) => (f as { id?: string }).id === id) as {
      ok: boolean;
      result?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
      error?: { code: string; message: string; issues?: { path: string }[] };
    };
  };
  await call('session.hello', { protocol: PROTOCOL_VERSION });
  return {
    baton,
    dataDir,
    logs,
    secrets,
    client,
    call,
    file: () => readIfAny(join(dataDir, 'workspaces.json')),
  };
}

/** How many secrets the store holds in all: the memory store's map, or every `Baton` entry in the keychain. */
async function storedSecretCount(secrets: MemorySecretStore | KeytarSecretStore): Promise<number> {
  if (secrets instanceof MemorySecretStore) return secrets.values.size;
  const keytar = createRequire(import.meta.url)('keytar') as typeof Keytar;
  return (await keytar.findCredentials('Baton')).length;
}

function readIfAny(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

const directLine = (
  secrets: Record<string, string> = { secret: 'dl-secret-1', handoffSecret: 'dl-handoff-1' },
) => ({
  platform: 'directline',
  displayName: 'Support bot',
  settings: { baseUrl: 'http://127.0.0.1:9' },
  secrets,
});

describe('workspace validation', () => {
  it('refuses http to a remote host, odd ids, unknown keys and missing secrets with field paths', () => {
    const attempt = () =>
      validateWorkspaceFields(
        'dialai',
        { baseUrl: 'http://acme.dialai.ca', tenant: 'has space', realm: 'r', clientId: 'c', color: 'red' },
        { nope: 'x' },
      );
    expect(attempt).toThrowError(/settings\.baseUrl: must start with https:\/\//);
    try {
      attempt();
    } catch (error) {
      const paths = ((error as { extra: { issues: { path: string }[] } }).extra.issues ?? []).map(
        (i) => i.path,
      );
      expect(paths).toEqual(
        expect.arrayContaining([
          'workspace.settings.baseUrl',
          'workspace.settings.tenant',
          'workspace.settings.color',
          'workspace.secrets.nope',
        ]),
      );
    }
    expect(() =>
      validateWorkspaceFields(
        'direqt',
        { baseUrl: 'https://gateway.direqt.io', chatbotWebhookUrl: 'https://bot.example.com/hook' },
        {},
      ),
    ).toThrowError(/secrets\.accessToken: is required/);
    expect(
      validateWorkspaceFields(
        'directline',
        { baseUrl: 'http://localhost:3000/' },
        { secret: 'a', handoffSecret: 'b' },
      ),
    ).toEqual({
      baseUrl: 'http://localhost:3000',
    });
  });
});

describe('workspaces through the contract', () => {
  it('refuses bad input clearly and saves nothing', async () => {
    const { call, file, secrets } = await start();
    const before = file();
    const keysBefore = await storedSecretCount(secrets);
    const answer = await call('workspaces.save', {
      workspace: { ...directLine(), settings: { baseUrl: 'ftp://example.com' } },
    });
    expect(answer.ok).toBe(false);
    expect(answer.error?.code).toBe('bad_request');
    expect(answer.error?.message).toMatch(/settings\.baseUrl/);
    expect(answer.error?.issues?.[0]?.path).toBe('workspace.settings.baseUrl');
    expect(file()).toBe(before);
    expect(await storedSecretCount(secrets)).toBe(keysBefore);
  });

  it('saves settings to the data folder and secrets to the keychain only; remove deletes both', async () => {
    const { call, file, secrets, client } = await start();
    const saved = await call('workspaces.save', { workspace: directLine() });
    expect(saved.ok).toBe(true);
    const workspace = saved.result.workspace;
    expect(workspace.secrets).toEqual({ secret: true, handoffSecret: true });
    expect(workspace.settings).toEqual({ baseUrl: 'http://127.0.0.1:9' });
    expect(workspace.webhookUrl).toMatch(/\/webhooks\//);
    const text = file() ?? '';
    expect(text).toContain(workspace.id);
    expect(text).not.toContain('dl-secret-1');
    expect(text).not.toContain('dl-handoff-1');
    expect(await secrets.listKeys(workspace.id)).toEqual(['handoffSecret', 'secret']);

    // Editing with blank secrets keeps the stored ones.
    const edited = await call('workspaces.save', {
      workspace: { ...directLine({}), id: workspace.id, displayName: 'Renamed' },
    });
    expect(edited.result.workspace.displayName).toBe('Renamed');
    expect(await secrets.get(workspace.id, 'secret')).toBe('dl-secret-1');

    const cleared = await call('workspaces.removeSecret', { workspaceId: workspace.id, key: 'secret' });
    expect(cleared.result.workspace.secrets.secret).toBe(false);
    expect(cleared.result.workspace.health.state).toBe('disabled');

    expect((await call('workspaces.remove', { workspaceId: workspace.id })).ok).toBe(true);
    expect(await secrets.listKeys(workspace.id)).toEqual([]);
    expect(file()).not.toContain(workspace.id);
    expect(client.received).toContainEqual(
      expect.objectContaining({ event: { type: 'workspace.removed', workspaceId: workspace.id } }),
    );
    const list = await call('workspaces.list', {});
    expect(list.result.workspaces).toEqual([]);
  });

  it('loads saved workspaces at the next start', async () => {
    const first = await start();
    const saved = await first.call('workspaces.save', { workspace: directLine() });
    const again = await start({ dataDir: first.dataDir });
    const list = await again.call('workspaces.list', {});
    expect(list.result.workspaces.map((w: { id: string }) => w.id)).toEqual([saved.result.workspace.id]);
  });

  it('keeps a locked policy workspace from being edited or removed, but lets users set its secrets', async () => {
    const { call, file } = await start({
      policy: {
        demo: false,
        workspaces: [
          {
            id: 'acme-dl',
            platform: 'directline',
            displayName: 'Acme',
            settings: { baseUrl: 'https://directline.botframework.com' },
            locked: true,
          },
        ],
      },
    });
    const list = await call('workspaces.list', {});
    expect(list.result.workspaces[0]).toMatchObject({
      id: 'acme-dl',
      locked: true,
      secrets: { secret: false },
    });
    const edit = await call('workspaces.save', {
      workspace: {
        id: 'acme-dl',
        platform: 'directline',
        displayName: 'Mine',
        settings: { baseUrl: 'https://directline.botframework.com' },
      },
    });
    expect(edit.error).toMatchObject({
      code: 'invalid_state',
      message: expect.stringMatching(/locked by your administrator/),
    });
    const remove = await call('workspaces.remove', { workspaceId: 'acme-dl' });
    expect(remove.error).toMatchObject({
      code: 'invalid_state',
      message: expect.stringMatching(/locked by your administrator/),
    });
    const secretsOnly = await call('workspaces.save', {
      workspace: {
        id: 'acme-dl',
        platform: 'directline',
        displayName: 'Acme',
        settings: { baseUrl: 'https://directline.botframework.com' },
        secrets: { secret: 's', handoffSecret: 'h' },
      },
    });
    expect(secretsOnly.ok).toBe(true);
    expect(file() ?? '').not.toContain('acme-dl');
  });

  it('lists the problems of an invalid policy and still starts with the good parts', async () => {
    const { call, logs } = await start({
      policy: {
        demo: 'no',
        colour: 'blue',
        workspaces: [
          {
            id: 'good',
            platform: 'directline',
            displayName: 'Good',
            settings: { baseUrl: 'https://directline.botframework.com' },
          },
          { id: 'bad', platform: 'direqt', displayName: 'Bad', settings: { baseUrl: 'http://example.com' } },
        ],
      },
    });
    const policy = await call('settings.policy', {});
    expect(policy.ok).toBe(true);
    expect(policy.result.problems.join('\n')).toMatch(/demo/);
    expect(policy.result.problems.join('\n')).toMatch(/"colour" is not a policy setting/);
    expect(policy.result.problems.join('\n')).toMatch(/workspaces\[1\].*settings\.baseUrl/);
    expect(logs.join('\n')).toMatch(/colour/);
    const list = await call('workspaces.list', {});
    expect(list.result.workspaces.map((w: { id: string }) => w.id)).toEqual(['good']);
    expect(loadPolicy(join(tmpdir(), 'no-such-policy.json')).problems).toEqual([]);
  });

  it('reports an unparseable policy and starts anyway', async () => {
    const { call } = await start({ policy: '{ not json' });
    const policy = await call('settings.policy', {});
    expect(policy.result.problems[0]).toMatch(/not valid JSON/);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('a full session never shows a secret', () => {
  it('saves all five platforms against the simulators, runs them, and no secret is in any file, log or frame', async () => {
    const sims = await startSimulators({ traffic: false });
    cleanups.push(() => sims.close());
    const { dialai, certainly, directly, direqt, directline } = sims.providers;
    const session = await start();
    const channelSecrets = { certainly: 'cert-channel-secret-xyz', directly: 'directly-channel-secret-xyz' };
    const handoff = 'directline-handoff-secret-xyz';
    const inputs = [
      {
        platform: 'dialai',
        displayName: 'Dialai',
        settings: {
          baseUrl: dialai.baseUrl,
          tenant: dialai.tenant,
          realm: dialai.realm,
          clientId: dialai.clientId,
        },
        secrets: { clientSecret: dialai.clientSecret },
      },
      {
        platform: 'certainly',
        displayName: 'Certainly',
        settings: {
          baseUrl: certainly.baseUrl,
          deploymentId: certainly.deploymentId,
          callbackUrl: 'http://127.0.0.1:9/cb',
        },
        secrets: { token: certainly.token, channelSecret: channelSecrets.certainly },
      },
      {
        platform: 'directly',
        displayName: 'Directly',
        settings: {
          baseUrl: directly.baseUrl,
          tokenUrl: directly.tokenUrl,
          clientId: directly.clientId,
          callbackUrl: 'http://127.0.0.1:9/cb',
        },
        secrets: {
          clientSecret: directly.clientSecret,
          webhookSigningSecret: directly.webhookSigningSecret,
          channelSecret: channelSecrets.directly,
        },
      },
      {
        platform: 'direqt',
        displayName: 'Direqt',
        settings: { baseUrl: direqt.baseUrl, chatbotWebhookUrl: 'http://127.0.0.1:9/hook' },
        secrets: { accessToken: direqt.accessToken, signingSecret: direqt.signingSecret },
      },
      {
        platform: 'directline',
        displayName: 'Direct Line',
        settings: { baseUrl: directline.baseUrl },
        secrets: { secret: directline.secret, handoffSecret: handoff },
      },
    ];
    const secretValues = inputs.flatMap((i) => Object.values(i.secrets));
    expect(secretValues.every((s) => typeof s === 'string' && s.length >= 8)).toBe(true);

    for (const input of inputs) {
      const tested = await session.call('workspaces.test', { workspace: input });
      expect(tested.result, input.platform).toMatchObject({ ok: true });
      const saved = await session.call('workspaces.save', { workspace: input });
      expect(saved.ok, input.platform).toBe(true);
    }
    // Wrong credentials are named as such.
    const refused = await session.call('workspaces.test', {
      workspace: { ...inputs[4], secrets: { secret: 'wrong-secret', handoffSecret: 'x' } },
    });
    expect(refused.result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^(401|403): .*refused the credentials/),
    });
    const unreachable = await session.call('workspaces.test', {
      workspace: { ...inputs[3], settings: { ...inputs[3]!.settings, baseUrl: 'http://127.0.0.1:59999' } },
    });
    expect(unreachable.result).toMatchObject({
      ok: false,
      message: expect.stringMatching(/connection refused/),
      field: 'baseUrl',
    });

    await until(() => {
      const list = session.baton.core.listWorkspaces();
      return list.length === 5 && list.every((w) => w.health.state === 'connected');
    }, 15_000);
    // Every method once more, so every kind of answer is in the frames scanned below.
    for (const method of METHOD_NAMES) {
      if (method === 'session.hello' || method === 'workspaces.remove') continue;
      await session.call(
        method,
        method === 'workspaces.list' || method === 'settings.policy' || method === 'conversations.list'
          ? {}
          : { bogus: true },
      );
    }
    const ids = session.baton.core.listWorkspaces().map((w) => w.id);
    await session.call('workspaces.removeSecret', { workspaceId: ids[0], key: 'clientSecret' });
    await session.call('workspaces.remove', { workspaceId: ids[1] });

    const haystacks = [
      ...filesUnder(session.dataDir).map((path) => readFileSync(path, 'utf8')),
      session.logs.join('\n'),
      JSON.stringify(session.client.received),
    ];
    for (const secret of secretValues) {
      for (const haystack of haystacks) expect(haystack.includes(secret)).toBe(false);
    }
    expect(session.client.received.length).toBeGreaterThan(10);
  });
});
