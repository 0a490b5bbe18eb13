// @vitest-environment happy-dom
import { PLATFORM_FIELDS, PlatformKind } from '@contract';
import type { ConnectionTest, Workspace, WorkspaceInput } from '@contract';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { workspace } from '../../../test/fixtures';
import { RpcError } from '../../../transport/rpc-error';
import type { WorkspaceOps } from '../api/workspace-mutations';
import { WorkspaceForm } from './workspace-form';

afterEach(cleanup);

const saved = workspace({
  id: 'dl1',
  platform: 'directline',
  displayName: 'Support bot',
  baseUrl: 'https://directline.example',
  settings: { baseUrl: 'https://directline.example' },
  secrets: { secret: true, handoffSecret: true },
  webhookUrl: 'http://127.0.0.1:4000/hooks/directline/dl1',
});

function setup(existing?: Workspace, overrides: Partial<WorkspaceOps> = {}) {
  const ops = {
    save: vi.fn<(input: WorkspaceInput) => Promise<Workspace>>(async () => saved),
    test: vi.fn<(input: WorkspaceInput) => Promise<ConnectionTest>>(async () => ({
      ok: true,
      message: 'Reached the bot.',
    })),
    removeSecret: vi.fn<(id: string, key: string) => Promise<Workspace>>(async (_id, key) => ({
      ...saved,
      secrets: { ...saved.secrets, [key]: false },
    })),
    ...overrides,
  };
  const onSaved = vi.fn();
  const user = userEvent.setup();
  const view = render(
    <WorkspaceForm workspace={existing} ops={ops as WorkspaceOps} onSaved={onSaved} onCancel={() => {}} />,
  );
  return { user, ops, onSaved, view };
}

/** The labels of the platform's own fields, in the order the form shows them. */
function fieldLabels(): string[] {
  const known = new Set(Object.values(PLATFORM_FIELDS).flatMap((fields) => fields.map((f) => f.label)));
  return [...document.querySelectorAll('.field-label')]
    .map((el) => el.textContent ?? '')
    .filter((text) => known.has(text));
}

describe('WorkspaceForm', () => {
  it.each(PlatformKind.options)('renders exactly the %s fields, in order, with help', async (platform) => {
    const { user } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Platform' }), platform);
    const fields = PLATFORM_FIELDS[platform];
    expect(fieldLabels()).toEqual(fields.map((f) => f.label));
    for (const field of fields) {
      const input = screen.getByLabelText(field.label);
      expect((input as HTMLInputElement).type).toBe(field.kind === 'secret' ? 'password' : field.kind);
      expect(input.getAttribute('placeholder') ?? undefined).toBe(field.placeholder);
      expect(input).toHaveProperty('value', '');
      expect(document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent).toContain(
        field.help,
      );
    }
    expect(screen.getByRole('textbox', { name: 'Workspace name' })).toBeTruthy();
  });

  it('names itself after the platform and offers Test connection and Save', async () => {
    const { user } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Platform' }), 'Direct Line');
    expect(screen.getByRole('dialog', { name: 'Add a Direct Line workspace' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Test connection' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();
  });

  it('shows saved settings but never a secret; set secrets show Set, Replace and Remove', async () => {
    const { user, ops, view } = setup(saved);
    expect(screen.getByRole('textbox', { name: 'Direct Line URL' })).toHaveProperty(
      'value',
      'https://directline.example',
    );
    expect(view.container.querySelectorAll('input[type="password"]')).toHaveLength(0);
    for (const label of ['Direct Line secret', 'Handoff secret']) {
      const group = screen.getByRole('group', { name: label });
      expect(within(group).getByText('Set')).toBeTruthy();
      expect(within(group).getByRole('button', { name: 'Replace' })).toBeTruthy();
      expect(within(group).getByRole('button', { name: 'Remove' })).toBeTruthy();
    }

    await user.click(
      within(screen.getByRole('group', { name: 'Direct Line secret' })).getByRole('button', {
        name: 'Replace',
      }),
    );
    const replaced = screen.getByLabelText('Direct Line secret');
    expect(replaced).toHaveProperty('type', 'password');
    expect(replaced).toHaveProperty('value', '');

    await user.click(
      within(screen.getByRole('group', { name: 'Handoff secret' })).getByRole('button', { name: 'Remove' }),
    );
    expect(ops.removeSecret).toHaveBeenCalledWith('dl1', 'handoffSecret');
    expect(await screen.findByText('Handoff secret removed from the keychain.')).toBeTruthy();
    expect(screen.getByLabelText('Handoff secret')).toHaveProperty('value', '');
  });

  it('shows the webhook URL read-only with where to paste it', () => {
    setup(saved);
    const url = screen.getByRole('textbox', { name: 'Webhook URL' });
    expect(url).toHaveProperty('value', saved.webhookUrl);
    expect(url).toHaveProperty('readOnly', true);
    expect(screen.getByText(/Your platform sends webhooks here/)).toBeTruthy();
  });

  it('sends only the secrets that changed', async () => {
    const { user, ops, onSaved } = setup(saved);
    await user.click(
      within(screen.getByRole('group', { name: 'Handoff secret' })).getByRole('button', { name: 'Replace' }),
    );
    await user.type(screen.getByLabelText('Handoff secret'), 'fresh-handoff');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(ops.save).toHaveBeenCalledWith({
      id: 'dl1',
      platform: 'directline',
      displayName: 'Support bot',
      settings: { baseUrl: 'https://directline.example' },
      secrets: { handoffSecret: 'fresh-handoff' },
      enabled: true,
    });
    expect(onSaved).toHaveBeenCalledWith(saved);
  });

  it('puts the core’s issues under the right fields', async () => {
    const save = vi.fn(async () => {
      throw new RpcError({
        code: 'bad_request',
        message: 'Invalid workspace',
        issues: [
          { path: 'workspace.settings.baseUrl', message: 'Use an https URL.' },
          { path: 'workspace.secrets.handoffSecret', message: 'Too short.' },
        ],
      });
    });
    const { user } = setup(saved, { save });
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const url = screen.getByRole('textbox', { name: 'Direct Line URL' });
    expect(url.getAttribute('aria-invalid')).toBe('true');
    const described = (url.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain('Use an https URL.');
    const handoff = screen.getByRole('group', { name: 'Handoff secret' });
    expect(handoff.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(handoff).getByText('Too short.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('Some fields need attention.');
  });

  it('tests the connection with the form’s values and reports precisely', async () => {
    const test = vi.fn(async (): Promise<ConnectionTest> => ({
      ok: false,
      message: '401: the secret was refused.',
      field: 'secret',
    }));
    const { user } = setup(undefined, { test });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Platform' }), 'directline');
    await user.type(screen.getByRole('textbox', { name: 'Workspace name' }), 'Bot');
    await user.type(screen.getByRole('textbox', { name: 'Direct Line URL' }), 'http://127.0.0.1:9');
    await user.type(screen.getByLabelText('Direct Line secret'), 's3cret');
    await user.type(screen.getByLabelText('Handoff secret'), 'h4ndoff');
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect(test).toHaveBeenCalledWith({
      platform: 'directline',
      displayName: 'Bot',
      settings: { baseUrl: 'http://127.0.0.1:9' },
      secrets: { secret: 's3cret', handoffSecret: 'h4ndoff' },
      enabled: true,
    });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'Direct Line secret: 401: the secret was refused.',
    );
    expect(screen.getByLabelText('Direct Line secret').getAttribute('aria-invalid')).toBe('true');

    test.mockResolvedValueOnce({ ok: true, message: 'Reached the bot.' });
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    expect((await screen.findByRole('status')).textContent).toContain('Reached the bot.');
  });

  it('says what is missing before asking the core', async () => {
    const { user, ops } = setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Platform' }), 'directline');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(ops.save).not.toHaveBeenCalled();
    expect(screen.getByRole('textbox', { name: 'Workspace name' }).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Direct Line secret is required.')).toBeTruthy();
  });
});
