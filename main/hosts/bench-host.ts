/**
 * `npm run bench`'s host: the core and the browser host's web server, with one workspace per platform fed by
 * the scaled simulators in `bench-load.ts`. It is driven by JSON lines on stdin and answers on stdout, so the
 * benchmark script controls seeding and traffic without another port:
 *   {"cmd":"seed","conversations":10000,"messages":200000,"openMessages":2000}
 *   {"cmd":"traffic","rate":500,"seconds":60}
 *   {"cmd":"stop"}
 * Every answer is one line `bench {json}`; `Baton console: <url>` is printed once the console can be opened.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics } from 'node:v8';
import { createInterface } from 'node:readline';
import { PLATFORM_LABELS } from '../contract';
import { BatonCore } from '../core/baton-core';
import { openDatabase } from '../core/persistence/database';
import { LocalStore } from '../core/persistence/local-store';
import { BenchLoad } from './bench-load';
import { tuneHeapForLongRunningCore } from './core-heap';
import { startWebServer } from './web-server';

function answer(value: Record<string, unknown>): void {
  process.stdout.write(`bench ${JSON.stringify(value)}\n`);
}

async function main(): Promise<void> {
  tuneHeapForLongRunningCore();
  const startedAt = Date.now();
  // A throwaway data folder: the desktop and web hosts always have one, and its database (the cache, the
  // full-text index and the message archive) is part of what the core does for every event.
  const dataDir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
  const db = openDatabase(dataDir);
  const local = new LocalStore(db);
  const core = new BatonCore({ log: (level, message) => console.error(`[${level}] ${message}`), local });
  const load = new BenchLoad();
  for (const [platform, connector] of load.connectors) {
    await core.addWorkspace(
      {
        id: `bench-${platform}`,
        platform,
        displayName: `${PLATFORM_LABELS[platform]} (bench)`,
        baseUrl: 'http://127.0.0.1/bench',
        demo: true,
      },
      connector,
    );
  }
  const server = await startWebServer({
    core,
    staticDir: join(__dirname, '..', 'renderer'),
    port: Number(process.env.BATON_PORT ?? 0),
    defaultAgentName: 'Bench',
  });
  answer({ event: 'started', ms: Date.now() - startedAt, pid: process.pid });
  console.log(`Baton console: ${server.consoleUrl}`);

  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    let command: { cmd?: string; [key: string]: unknown };
    try {
      command = JSON.parse(line) as typeof command;
    } catch {
      return answer({ event: 'error', message: `not JSON: ${line.slice(0, 80)}` });
    }
    void run(command).catch((error: unknown) =>
      answer({ event: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  });

  async function run(command: { cmd?: string; [key: string]: unknown }): Promise<void> {
    switch (command.cmd) {
      case 'seed': {
        const begin = Date.now();
        await load.seed({
          conversations: Number(command.conversations),
          messages: Number(command.messages),
          openMessages: Number(command.openMessages ?? 2000),
        });
        const { platform, platformConversationId } = load.locate(0);
        return answer({
          event: 'seeded',
          ms: Date.now() - begin,
          openConversationId: `bench-${platform}:${platformConversationId}`,
          conversations: core.store.listConversations().length,
        });
      }
      case 'traffic':
        load.traffic({ rate: Number(command.rate), seconds: Number(command.seconds) }, (stats) =>
          answer({ event: 'traffic-done', ...stats }),
        );
        return answer({ event: 'traffic-started' });
      case 'gc':
        (globalThis as { gc?: () => void }).gc?.();
        return answer({ event: 'gc', memory: process.memoryUsage(), spaces: heapSpaces() });
      case 'stop':
        load.stopTraffic();
        await server.close();
        await core.close();
        local.close();
        db.close();
        rmSync(dataDir, { recursive: true, force: true });
        answer({ event: 'stopped' });
        process.exit(0);
        return;
      default:
        return answer({ event: 'error', message: `unknown command ${String(command.cmd)}` });
    }
  }
}

main().catch((error: unknown) => {
  console.error(`Bench host could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

/** Each V8 heap space's used and reserved size in MB: tells live data from the room V8 keeps around it. */
function heapSpaces(): Record<string, { usedMb: number; sizeMb: number }> {
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return Object.fromEntries(
    getHeapSpaceStatistics().map((space) => [
      space.space_name,
      { usedMb: mb(space.space_used_size), sizeMb: mb(space.space_size) },
    ]),
  );
}
