import { PLATFORM_FIELDS } from '@contract';
import { describe, expect, it } from 'vitest';
import { workspace } from '../../../test/fixtures';
import {
  FORM_TARGET,
  initialDraft,
  issuesByTarget,
  missingRequired,
  targetOf,
  toInput,
  withPlatform,
} from './workspace-form';

const directline = workspace({
  id: 'dl1',
  platform: 'directline',
  displayName: 'Support bot',
  settings: { baseUrl: 'https://directline.example' },
  secrets: { secret: true, handoffSecret: true },
});

describe('workspace form state', () => {
  it('starts from the saved non-secret values, never a secret', () => {
    expect(initialDraft(directline)).toEqual({
      platform: 'directline',
      displayName: 'Support bot',
      settings: { baseUrl: 'https://directline.example' },
      secrets: {},
    });
  });

  it('sends every setting but only the secrets that were typed', () => {
    const draft = { ...initialDraft(directline), secrets: { handoffSecret: ' new ', secret: '' } };
    expect(toInput(draft, directline)).toEqual({
      id: 'dl1',
      platform: 'directline',
      displayName: 'Support bot',
      settings: { baseUrl: 'https://directline.example' },
      secrets: { handoffSecret: 'new' },
      enabled: true,
    });
  });

  it('keeps shared keys when the platform changes, and drops the rest', () => {
    const draft = withPlatform(
      { platform: 'dialai', displayName: 'X', settings: { baseUrl: 'https://a', tenant: 't' }, secrets: {} },
      'directline',
    );
    expect(draft.settings).toEqual({ baseUrl: 'https://a' });
    expect(Object.keys(toInput(draft).settings)).toEqual(
      PLATFORM_FIELDS.directline.filter((f) => f.kind !== 'secret').map((f) => f.key),
    );
  });

  it('maps core issue paths to the form fields', () => {
    const fields = PLATFORM_FIELDS.directline;
    expect(targetOf('workspace.settings.baseUrl', fields)).toBe('baseUrl');
    expect(targetOf('workspace.secrets.handoffSecret', fields)).toBe('handoffSecret');
    expect(targetOf('secret', fields)).toBe('secret');
    expect(targetOf('workspace.displayName', fields)).toBe('displayName');
    expect(targetOf('workspace.settings.tenant', fields)).toBe(FORM_TARGET);
    expect(
      issuesByTarget(
        [
          { path: 'workspace.settings.baseUrl', message: 'Must be https.' },
          { path: 'workspace.settings.baseUrl', message: 'Too long.' },
          { path: 'workspace.platform', message: 'Unknown.' },
        ],
        fields,
      ),
    ).toEqual({ baseUrl: 'Must be https. Too long.', [FORM_TARGET]: 'workspace.platform: Unknown.' });
  });

  it('asks for required values, counting a set secret as present', () => {
    expect(missingRequired(initialDraft(directline), directline)).toEqual({});
    const fresh = withPlatform(initialDraft(), 'directline');
    expect(Object.keys(missingRequired(fresh))).toEqual([
      'displayName',
      'baseUrl',
      'secret',
      'handoffSecret',
    ]);
    // Dialai's client id and secret are optional (not needed with Sign in with Dialai), as is the sign-in client.
    const dialai = withPlatform({ ...initialDraft(), displayName: 'D' }, 'dialai');
    expect(Object.keys(missingRequired(dialai))).toEqual(['baseUrl', 'tenant', 'realm']);
  });
});
