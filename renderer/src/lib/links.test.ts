import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl, splitLinks } from './links';

describe('isSafeExternalUrl', () => {
  it('accepts https only', () => {
    expect(isSafeExternalUrl('https://example.com/a?b=c')).toBe(true);
    expect(isSafeExternalUrl('http://example.com')).toBe(false);
    expect(isSafeExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isSafeExternalUrl('data:text/html,<b>x</b>')).toBe(false);
    expect(isSafeExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isSafeExternalUrl('not a url')).toBe(false);
  });

  it('refuses credentials in the URL (a classic phishing disguise)', () => {
    expect(isSafeExternalUrl('https://bank.com@evil.example/')).toBe(false);
  });
});

describe('splitLinks', () => {
  it('turns https URLs into links and leaves the rest as text', () => {
    expect(splitLinks('See https://example.com/help. Thanks')).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.com/help', url: 'https://example.com/help' },
      { kind: 'text', text: '. Thanks' },
    ]);
  });

  it('keeps other schemes inert', () => {
    expect(splitLinks('click javascript:alert(1) or http://x.y')).toEqual([
      { kind: 'text', text: 'click javascript:alert(1) or http://x.y' },
    ]);
  });

  it('handles text that is only a link, and markup-looking text stays text', () => {
    expect(splitLinks('https://a.example')).toEqual([
      { kind: 'link', text: 'https://a.example', url: 'https://a.example' },
    ]);
    expect(splitLinks('<img src=x onerror=alert(1)>')).toEqual([
      { kind: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });
});
