/**
 * Every platform simulator, started together on loopback: `npm run sim` prints what they return, and the
 * demo workspace points its connectors at them. One list, so a new platform is added in one place.
 */
import { startCertainlySimulator } from '../providers/certainly/simulator';
import { startDialaiSimulator } from '../providers/dialai/simulator';
import { startDirectlySimulator } from '../providers/directly/simulator';

export interface SimulatorOptions {
  /** Scripted customers starting conversations on their own (the demo); off for tests that script traffic. */
  traffic: boolean;
}

export async function startSimulators(options: SimulatorOptions) {
  // A few conversations at once, half of them heading for a human, so the console is busy from the start.
  const [dialai, certainly, directly] = await Promise.all([
    startDialaiSimulator({ traffic: { enabled: options.traffic, openingBurst: 6 } }),
    startCertainlySimulator(),
    startDirectlySimulator(),
  ]);
  return {
    dialai,
    certainly,
    directly,
    /** The JSON that `npm run sim` and `Demo providers:` print, keyed by platform. */
    providers: { dialai: dialai.info, certainly: certainly.info, directly: directly.info },
    close: async () => {
      await Promise.allSettled([dialai.close(), certainly.close(), directly.close()]);
    },
  };
}

export type Simulators = Awaited<ReturnType<typeof startSimulators>>;
