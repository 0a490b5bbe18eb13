// @vitest-environment happy-dom
/**
 * Hostile chat content, rendered the way the console renders it: nothing runs, nothing loads that the agent
 * did not ask for, and what a link really holds is what the agent sees.
 */
import type { MessageContent as Content } from '@contract';
import { LIMITS } from '@contract';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isInternalHost, isMediaUrl, revealInvisible, splitLinks } from '../../../lib/links';
import { MessageContent } from './message-content';

const alertSpy = vi.fn();
beforeEach(() => {
  vi.stubGlobal('alert', alertSpy);
  vi.stubGlobal('confirm', alertSpy);
  vi.stubGlobal('prompt', alertSpy);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  alertSpy.mockClear();
});

const show = (content: Content) => render(<MessageContent content={content} />);

/** Nothing in the rendered tree can run or fetch on its own. */
function expectInert(container: HTMLElement): void {
  expect(
    container.querySelectorAll('script, iframe, object, embed, frame, base, meta, link, style'),
  ).toHaveLength(0);
  for (const el of container.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) expect(attr, `${el.tagName} ${attr}`).not.toMatch(/^on/i);
    const href = el.getAttribute('href') ?? el.getAttribute('src');
    if (href !== null) expect(href).toMatch(/^(https:\/\/|http:\/\/(127\.0\.0\.1|localhost)[:/])/);
  }
  expect(alertSpy).not.toHaveBeenCalled();
}

const SCRIPTS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg/onload=alert(1)>',
  '"><iframe src=javascript:alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '{{constructor.constructor("alert(1)")()}}',
];

describe('hostile chat content', () => {
  it.each(SCRIPTS)('shows %s as text and runs nothing', (payload) => {
    const { container } = show({ type: 'text', text: `hi ${payload} bye` });
    expect(container.textContent).toContain(payload);
    expectInert(container);
  });

  it('never makes javascript:, data:, vbscript: or file: URLs into links, in text, cards or buttons', () => {
    const { container } = show({
      type: 'card',
      card: {
        title: 'Offer',
        description:
          'javascript:alert(1) data:text/html,<script>alert(1)</script> vbscript:msgbox file:///etc/passwd',
        mediaUrl: 'data:image/svg+xml,<svg onload=alert(1)>',
        buttons: [
          { type: 'openUrl', text: 'Open', url: 'javascript:alert(document.cookie)' },
          { type: 'openUrl', text: 'Also', url: 'JaVaScRiPt:alert(1)' },
        ],
      },
    });
    expect(container.querySelectorAll('a')).toHaveLength(0);
    expect(container.querySelector('img')).toBeNull();
    expectInert(container);
  });

  it('reveals zero-width and bidi-override characters in URLs and does not link them', () => {
    const tricks = [
      'https://exa\u200bmple.com/login', // zero-width space: opens example.com, shows something else
      'https://example.com/\u202egpj.exe', // right-to-left override: "exe.jpg" shown
      'https://pay\u200dpal.com/', // zero-width joiner
      'https://\u2066evil.example\u2069/', // bidi isolate
      'https://bank.com\u00ad.evil.example/', // soft hyphen
    ];
    const { container } = show({ type: 'text', text: tricks.join(' and ') });
    expect(container.querySelectorAll('a')).toHaveLength(0);
    const text = container.textContent ?? '';
    for (const code of ['[U+200B]', '[U+202E]', '[U+200D]', '[U+2066]', '[U+2069]', '[U+00AD]'])
      expect(text).toContain(code);
    for (const ch of ['\u200b', '\u200d', '\u202e', '\u2066', '\u2069', '\u00ad'])
      expect(text).not.toContain(ch);
    expectInert(container);
  });

  it('keeps an honest https link a link', () => {
    show({ type: 'text', text: 'Track it at https://shop.example.com/orders/42.' });
    expect(screen.getByRole('link').getAttribute('href')).toBe('https://shop.example.com/orders/42');
  });

  it('does not load images from the agent’s own network unasked, but does load public https images', () => {
    const internal = [
      'https://192.168.1.1/logo.png',
      'https://10.0.0.8/cam.jpg',
      'https://172.20.1.1/a.png',
      'https://169.254.169.254/latest/meta-data.png', // cloud metadata service
      'https://3232235777/x.png', // 192.168.1.1 written as one number
      'https://0x0a.0.0.1/x.png', // 10.0.0.1 in hex
      'https://[fd00::1]/x.png',
      'https://[fe80::1]/x.png',
      'https://intranet/x.png',
      'https://printer.local/x.png',
      'https://wiki.corp/x.png',
    ];
    for (const url of internal) {
      const { container } = show({ type: 'card', card: { title: 'Pic', mediaUrl: url } });
      expect(container.querySelector('img'), url).toBeNull();
      expect(container.textContent).toContain('Image not shown');
      cleanup();
      const file = show({ type: 'file', url, name: 'x.png', mimeType: 'image/png' });
      expect(file.container.querySelector('img'), url).toBeNull();
      cleanup();
    }
    const { container } = show({
      type: 'card',
      card: { title: 'Pic', mediaUrl: 'https://cdn.example.com/a.png' },
    });
    expect(container.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example.com/a.png');
  });

  it('renders a huge unbroken string whole, as one text node, without running anything', () => {
    const huge = `${'A'.repeat(LIMITS.textChars - 20)}<script>`;
    const { container } = show({ type: 'text', text: huge });
    expect(container.textContent).toContain(huge);
    expectInert(container);
  });
});

describe('the link rules behind it', () => {
  it('splits nothing invisible into a link', () => {
    expect(splitLinks('go https://a\u200bb.com now').every((s) => s.kind === 'text')).toBe(true);
    expect(revealInvisible('a\ufeffb')).toBe('a[U+FEFF]b');
  });

  it('knows internal hosts from public ones', () => {
    for (const host of ['10.1.2.3', '192.168.0.1', '127.0.0.1', '[::1]', 'fd12::3', 'nas', 'x.home.arpa'])
      expect(isInternalHost(host), host).toBe(true);
    for (const host of ['example.com', '8.8.8.8', '172.32.0.1', '2001:db8::1', 'cdn.local-shop.com'])
      expect(isInternalHost(host), host).toBe(false);
    // The demo simulators' loopback http stays allowed.
    expect(isMediaUrl('http://127.0.0.1:4010/media/a.png')).toBe(true);
  });
});
