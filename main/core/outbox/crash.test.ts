/**
 * kill -9: a reply is written to the outbox while the platform cannot take it, the process is killed, and a
 * new process on the same data folder sends it, exactly once.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DialaiSimulator, startDialaiSimulator } from '../../providers/dialai/simulator';
import { openDatabase } from '../persistence/database';
import { OUTBOX_BACKOFF } from './outbox';
import { until } from '../test-support';

let bundleDir = '';
let childScript = '';
const children: ChildProcess[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  bundleDir = mkdtempSync(join(tmpdir(), 'baton-crash-bundle-'));
  childScript = join(bundleDir, 'crash-child.cjs');
  await build({
    entryPoints: [resolve(__dirname, 'crash-child.ts')],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', 'keytar', 'electron', 'bufferutil', 'utf-8-validate'],
    logLevel: 'silent',
  });
}, 30_000);

afterAll(() => {
  rmSync(bundleDir, { recursive: true, force: true });
});

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

interface Child {
  process: ChildProcess;
  lines: Record<string, unknown>[];
  exited: Promise<void>;
}

function startChild(config: Record<string, unknown>): Child {
  const child = spawn(process.execPath, [childScript], {
    env: {
      ...process.env,
      BATON_CRASH_CHILD: JSON.stringify(config),
      NODE_PATH: resolve(process.cwd(), 'node_modules'),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // Not one of ours.
    }
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return { process: child, lines, exited };
}

const has = (child: Child, test: (line: Record<string, unknown>) => boolean) => () => {
  const error = child.lines.find((line) => line.error);
  if (error) throw new Error(`child failed: ${String(error.error)}`);
  return child.lines.some(test);
};

async function setFault(sim: DialaiSimulator, fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${sim.info.baseUrl}/__sim/faults`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(fault),
  });
  expect(response.status).toBe(200);
}

function csrCopies(sim: DialaiSimulator, transcriptId: string, messageId: string) {
  const transcript = sim.control.conversations().find((t) => t.id === transcriptId);
  return (transcript?.messages ?? []).filter((m) => m.from === 'csr' && m.clientMessageId === messageId);
}

/**
 * `fault` is in force on the reply endpoint while the first process sends; with `null` the first send goes
 * through and `lostAnswer` then stands for a crash between the platform's answer and the local commit.
 */
async function crashAndResume(
  fault: Record<string, unknown> | null,
  lostAnswer?: (dataDir: string, messageId: string) => void,
  /** Keep the fault through the restart until this long after it began (an outage, not a blip). */
  outageMs = 0,
): Promise<void> {
  const sim = await startDialaiSimulator({ botLatencyMs: 10 });
  try {
    const transcript = await sim.control.startConversation({ customerName: 'Maya Patel', escalate: true });
    const dataDir = mkdtempSync(join(tmpdir(), 'baton-crash-data-'));
    dirs.push(dataDir);
    const { baseUrl, tenant, realm, clientId, clientSecret } = sim.info;
    const config = {
      dataDir,
      dialai: { baseUrl, tenant, realm, clientId, clientSecret },
      platformConversationId: transcript.id,
    };
    // Only the reply endpoint fails, so the take over before it goes through.
    if (fault) await setFault(sim, { ...fault, paths: 'addCsrMessage' });
    const outageEnds = Date.now() + outageMs;
    const first = startChild({ ...config, text: 'Your refund is on its way.' });
    await until(
      has(first, (line) => typeof line.enqueued === 'string'),
      15_000,
    );
    const messageId = String(first.lines.find((line) => line.enqueued)?.enqueued);
    if (fault) {
      // At least one attempt has met the fault.
      await until(
        has(first, (line) => typeof line.log === 'string' && line.log.includes('retry in')),
        15_000,
      );
    } else {
      await until(() => csrCopies(sim, transcript.id, messageId).length === 1, 15_000);
      await until(
        // The platform's echo on the live stream may mark it delivered before the send call returns.
        has(first, (line) =>
          ['sent', 'delivered'].includes((line.delivery as { state?: string } | undefined)?.state ?? ''),
        ),
        15_000,
      );
    }
    first.process.kill('SIGKILL');
    await first.exited;
    lostAnswer?.(dataDir, messageId);
    if (outageMs === 0) await setFault(sim, { mode: 'none' });

    const second = startChild(config);
    if (outageMs > 0) {
      // The restarted process meets the same outage and keeps the reply until the platform is back.
      await until(
        has(second, (line) => typeof line.log === 'string' && line.log.includes('retry in')),
        15_000,
      );
      expect(csrCopies(sim, transcript.id, messageId)).toHaveLength(0);
      await new Promise((done) => setTimeout(done, Math.max(0, outageEnds - Date.now())));
      await setFault(sim, { mode: 'none' });
    }
    await until(
      has(second, (line) => {
        const delivery = line.delivery as { id: string; state: string } | undefined;
        return delivery?.id === messageId && (delivery.state === 'sent' || delivery.state === 'delivered');
      }),
      // After a long outage the next attempt may be up to the backoff's cap away.
      outageMs > 0 ? OUTBOX_BACKOFF.maxMs + 10_000 : 15_000,
    );
    // Give a duplicate every chance to show up.
    await new Promise((done) => setTimeout(done, 300));
    expect(csrCopies(sim, transcript.id, messageId)).toHaveLength(1);
    expect(csrCopies(sim, transcript.id, messageId)[0]?.text).toBe('Your refund is on its way.');
    second.process.kill('SIGKILL');
    await second.exited;
  } finally {
    await sim.close();
  }
}

describe('outbox across kill -9', () => {
  it('sends a reply that met a 503 before the crash exactly once after the restart', async () => {
    await crashAndResume({ mode: 'error503', retryAfterSeconds: 1 });
  }, 40_000);

  it('sends a reply whose connection was dropped before the crash exactly once after the restart', async () => {
    await crashAndResume({ mode: 'drop' });
  }, 40_000);

  it('sends a reply exactly once after a crash during a minute-long 503 outage that outlasts the restart', async () => {
    await crashAndResume({ mode: 'error503', retryAfterSeconds: 5 }, undefined, 60_000);
  }, 150_000);

  it('does not duplicate a reply the platform processed but whose answer was lost, before and after the crash', async () => {
    await crashAndResume({ mode: 'dropAfter' });
  }, 40_000);

  it('does not duplicate a reply the platform took when the crash lost its answer', async () => {
    await crashAndResume(null, (dataDir, messageId) => {
      // As if the process died after the platform stored the reply but before the outbox recorded it.
      const db = openDatabase(dataDir);
      db.prepare(`UPDATE outbox SET state = 'pending', platform_message_id = NULL WHERE id = ?`).run(
        messageId,
      );
      db.close();
    });
  }, 40_000);
});
