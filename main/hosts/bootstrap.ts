/** Starts Baton's core the same way in every host (browser host, desktop utility process, tests). */
import { mkdirSync } from 'node:fs';
import { BatonCore, type Logger } from '../core/baton-core';
import type { Channel } from '../core/channel';
import type { SessionOptions } from '../core/client-session';
import { startGateway } from '../core/gateway/gateway-server';
import { type Demo, startDemo } from './demo-workspace';

export interface BatonHandle {
  core: { attach(channel: Channel, options?: SessionOptions): void };
  /** The `Demo providers:` JSON object when running the demo, else null. */
  demoProviders: Record<string, unknown> | null;
  /** The demo's simulators and customer channel (for tests that script traffic), else null. */
  simulators: Demo | null;
  /** Where customer channels and platform webhooks reach this Baton. */
  gatewayUrl: string;
  close(): Promise<void>;
}

export interface StartOptions {
  demo: boolean;
  /** Scripted demo traffic; tests turn it off to drive customers themselves. */
  demoTraffic?: boolean;
  dataDir?: string;
  log?: (line: string) => void;
  /** The gateway's address: loopback and an ephemeral port unless given (a real tenant needs it reachable). */
  gateway?: { host?: string; port?: number; publicUrl?: string };
}

export async function startBaton(options: StartOptions): Promise<BatonHandle & { core: BatonCore }> {
  const write = options.log ?? ((line: string) => console.error(line));
  const log: Logger = (level, message) => write(`[${level}] ${message}`);
  // The data folder is where later issues keep the store and settings; make sure it exists from the start.
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const core = new BatonCore({ log });
  const gateway = await startGateway({ ...options.gateway, log });
  const simulators = options.demo
    ? await startDemo(core, gateway, { traffic: options.demoTraffic ?? true })
    : null;
  return {
    core,
    demoProviders: simulators?.providers ?? null,
    simulators,
    gatewayUrl: gateway.url,
    close: async () => {
      await simulators?.channel.close();
      await core.close();
      await gateway.close();
      await simulators?.close();
    },
  };
}
