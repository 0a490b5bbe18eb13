/**
 * `npm run start:web`: the core with its browser host on 127.0.0.1. With no configuration it runs the demo
 * workspace. Reads `BATON_DATA_DIR` (saved workspaces) and `BATON_POLICY` / `--policy <path>` (the admin's
 * policy file). Prints `Demo providers: {json}` and then `Baton console: <url>` once the console can be opened.
 */
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { defaultDataDir, startBaton } from './bootstrap';
import { tuneHeapForLongRunningCore } from './core-heap';
import { startWebServer } from './web-server';

function defaultAgentName(): string {
  const name = process.env.BATON_AGENT_NAME ?? userInfo().username;
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : 'Agent';
}

async function main(): Promise<void> {
  tuneHeapForLongRunningCore();
  const demo = process.env.BATON_DEMO !== '0';
  const baton = await startBaton({
    demo,
    demoTraffic: process.env.BATON_DEMO_TRAFFIC !== '0',
    // BATON_DATA_DIR, else the per-user data folder; the policy from --policy, BATON_POLICY or the OS path.
    dataDir: defaultDataDir(),
    gateway: {
      ...(process.env.BATON_GATEWAY_HOST ? { host: process.env.BATON_GATEWAY_HOST } : {}),
      ...(process.env.BATON_GATEWAY_PORT ? { port: Number(process.env.BATON_GATEWAY_PORT) } : {}),
      ...(process.env.BATON_GATEWAY_URL ? { publicUrl: process.env.BATON_GATEWAY_URL } : {}),
    },
  });
  if (baton.demoProviders) console.log(`Demo providers: ${JSON.stringify(baton.demoProviders)}`);
  console.log(`Baton gateway: ${baton.gatewayUrl}`);
  const server = await startWebServer({
    core: baton.core,
    staticDir: join(__dirname, '..', 'renderer'),
    port: Number(process.env.BATON_PORT ?? 0),
    ...(process.env.BATON_TOKEN ? { token: process.env.BATON_TOKEN } : {}),
    defaultAgentName: defaultAgentName(),
  });
  console.log(`Baton console: ${server.consoleUrl}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await baton.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Baton could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
