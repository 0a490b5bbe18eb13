import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_EXTERNAL_URL_LENGTH, openExternalIfVetted, vetExternalUrl } from './external-links';
import * as fake from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

describe('external link vetting', () => {
  beforeEach(() => vi.clearAllMocks());

  it.each([
    ['https://example.com', 'https://example.com/'],
    ['https://help.example.com/articles/42?lang=en#top', 'https://help.example.com/articles/42?lang=en#top'],
    ['HTTPS://Example.COM/a', 'https://example.com/a'],
  ])('accepts the plain https URL %s', (raw, normalised) => {
    expect(vetExternalUrl(raw)).toBe(normalised);
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'http://example.com/',
    'data:text/html,<script>alert(1)</script>',
    'https://user:pass@example.com/',
    'https://user@example.com/',
    'ftp://example.com/',
    'app://baton/index.html',
    'mailto:someone@example.com',
    'smb://server/share',
    'ms-settings:privacy',
    'https://',
    '//example.com/path',
    'example.com',
    ' https://example.com/',
    'https://exa\tmple.com/',
    'https://example.com/\n',
    '',
    `https://example.com/${'a'.repeat(MAX_EXTERNAL_URL_LENGTH)}`,
  ])('refuses %j', (raw) => {
    expect(vetExternalUrl(raw)).toBeNull();
  });

  it('refuses values that are not strings', () => {
    for (const value of [undefined, null, 42, { href: 'https://example.com/' }, ['https://example.com/']]) {
      expect(vetExternalUrl(value)).toBeNull();
    }
  });

  it('opens only vetted URLs, and reports refusal or failure as false', async () => {
    expect(await openExternalIfVetted('https://example.com/a')).toBe(true);
    expect(fake.shell.openExternal).toHaveBeenCalledWith('https://example.com/a');
    fake.shell.openExternal.mockClear();

    expect(await openExternalIfVetted('javascript:alert(1)')).toBe(false);
    expect(await openExternalIfVetted('https://u:p@example.com/')).toBe(false);
    expect(fake.shell.openExternal).not.toHaveBeenCalled();

    fake.shell.openExternal.mockRejectedValueOnce(new Error('no handler'));
    expect(await openExternalIfVetted('https://example.com/b')).toBe(false);
  });
});
