import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDiagnostics } from './diagnostics-bundle';
import { redact } from './redact';
import { RotatingLog } from './rotating-log';
import { tempDir } from '../../core/test-support';

// Planted values: none of these may survive redaction.
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZ2VudC03IiwiaWF0IjoxNzAwMDAwMDAwfQ.c2lnbmF0dXJlLWJ5dGVz';
const KEYCHAIN_VALUE = 'sk_live_9f8e7d6c5b4a3f2e1d0c9b8a';
const SIGNING_SECRET = 'whsec_Q2hhbmdlTWVOb3c0Mjc3MTgyODE4';
const PASSWORD = 'hunter2';
const CUSTOMER_WORDS = 'my card number is 4111 1111 1111 1111 and I live at 12 Elm Street';

const plantedLog = [
  `[info] dialai: GET https://acme.dialai.ca/v2/webchat?token=${KEYCHAIN_VALUE}&page=2 -> 200`,
  `[warn] gateway: Authorization: Bearer ${JWT}`,
  `[warn] directline: refresh failed for {"token":"${KEYCHAIN_VALUE}","conversationId":"c-1"}`,
  `[info] inbound {"type":"message","text":"${CUSTOMER_WORDS}","from":"customer"}`,
  `[info] direqt: posted {"content":{"text":"Thanks \\"Ann\\", ${CUSTOMER_WORDS}"}}`,
  `[warn] workspace acme signing secret=${SIGNING_SECRET} rejected`,
  `[warn] proxy https://admin:${PASSWORD}@proxy.corp.example:8080 refused`,
  `[warn] customer ann.smith@example.com wrote again`,
  `[info] certainly: apikey ${KEYCHAIN_VALUE.toUpperCase()} used`,
  `-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----`,
];

function assertClean(text: string): void {
  for (const secret of [
    JWT,
    KEYCHAIN_VALUE,
    KEYCHAIN_VALUE.toUpperCase(),
    SIGNING_SECRET,
    PASSWORD,
    'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
  ])
    expect(text).not.toContain(secret);
  expect(text).not.toContain('4111');
  expect(text).not.toContain('Elm Street');
  expect(text).not.toContain('ann.smith@example.com');
  // Fragments of the JWT (its payload alone identifies the agent).
  expect(text).not.toContain('eyJzdWIiOiJhZ2VudC03');
}

describe('redaction', () => {
  it('removes tokens, keys, passwords, JWTs, e-mail addresses and message bodies from every planted line', () => {
    for (const line of plantedLog) assertClean(redact(line));
  });

  it('keeps what support needs to read the line', () => {
    expect(redact(plantedLog[0]!)).toContain(
      'https://acme.dialai.ca/v2/webchat?token=[redacted]&page=2 -> 200',
    );
    expect(redact(plantedLog[1]!)).toContain('Bearer [redacted]');
    expect(redact(plantedLog[2]!)).toContain('"conversationId":"c-1"');
    expect(redact(plantedLog[3]!)).toContain('"text":"[message body redacted]"');
    expect(redact('[warn] dialai: 503 after 3 attempts; retrying in 4000 ms')).toBe(
      '[warn] dialai: 503 after 3 attempts; retrying in 4000 ms',
    );
  });

  it('removes exact secrets the caller knows, however they are embedded', () => {
    const out = redact(`opaque:${PASSWORD}:tail and again ${PASSWORD}`, [PASSWORD]);
    expect(out).not.toContain(PASSWORD);
  });
});

describe('the local log', () => {
  it('rolls over at the size limit, keeps only the newest files, and writes redacted lines', () => {
    const dir = tempDir('baton-log-');
    const log = new RotatingLog({ dir, maxBytes: 2_000, keep: 2 });
    for (let i = 0; i < 200; i++) log.write(`line ${i} token=${KEYCHAIN_VALUE}`);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['baton.1.log', 'baton.2.log', 'baton.log']);
    for (const file of files) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2_000);
      expect(text).not.toContain(KEYCHAIN_VALUE);
    }
    const tail = log.tail(5);
    expect(tail).toHaveLength(5);
    expect(tail.at(-1)).toContain('line 199 token=[redacted]');
    expect(tail[0]).toContain('line 195');
  });

  it('keeps one entry per line, so a forged newline cannot fake a log entry', () => {
    const dir = tempDir('baton-log-');
    const log = new RotatingLog({ dir });
    log.write('first\n2026-01-01T00:00:00.000Z [info] forged');
    expect(log.tail(10)).toHaveLength(1);
  });

  it('never throws when the folder cannot be written', () => {
    // A folder path that runs through a plain file cannot be created.
    const file = path.join(tempDir('baton-log-'), 'not-a-folder');
    writeFileSync(file, '');
    const log = new RotatingLog({ dir: path.join(file, 'logs') });
    expect(() => log.write('x')).not.toThrow();
    expect(log.tail(3)).toEqual([]);
  });
});

describe('the copied diagnostics bundle', () => {
  it('holds versions, OS, workspace health and recent log lines, with no secret and no customer words', () => {
    const text = buildDiagnostics({
      appVersion: '1.2.0',
      versions: { electron: '45.4.1', chrome: '142.0.0.0', node: '22.20.0' },
      os: { platform: 'linux', release: '6.8.0', arch: 'x64' },
      generatedAt: new Date('2026-11-21T12:00:00Z'),
      packaged: true,
      updates: 'stable, on; up to date',
      policy: {
        path: '/etc/baton/policy.json',
        problems: [`Policy: workspaces[0]: token=${KEYCHAIN_VALUE} is not allowed`],
      },
      core: {
        heldConversations: 2,
        workspaces: [{ id: 'acme-dialai', platform: 'dialai', health: 'degraded', enabled: true }],
      },
      logLines: plantedLog,
    });
    assertClean(text);
    expect(text).toContain('version: 1.2.0');
    expect(text).toContain('electron: 45.4.1');
    expect(text).toContain('os: linux 6.8.0 x64');
    expect(text).toContain('acme-dialai (dialai): degraded');
    expect(text).toContain('conversations held: 2');
    expect(text).toContain('last 10 log lines:');
  });

  it('says plainly when the core did not answer', () => {
    const text = buildDiagnostics({
      appVersion: '1.2.0',
      versions: {},
      os: { platform: 'win32', release: '10.0.22631', arch: 'x64' },
      generatedAt: new Date(0),
      packaged: false,
      updates: 'off by policy',
      policy: { path: null, problems: [] },
      core: null,
      logLines: [],
    });
    expect(text).toContain('core: not answering');
    expect(text).toContain('(development build)');
  });
});
