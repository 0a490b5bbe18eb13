/**
 * Every platform simulator, started together on loopback: `npm run sim` prints what they return, and the
 * demo workspace points its connectors at them. One list, so a new platform is added in one place.
 */
import { startCertainlySimulator } from '../providers/certainly/simulator';
import { startDialaiSimulator } from '../providers/dialai/simulator';
import { startDirectlySimulator } from '../providers/directly/simulator';
import { startDirectLineSimulator } from '../providers/directline/simulator';
import { startDireqtSimulator } from '../providers/direqt/simulator';

export interface SimulatorOptions {
  /** Scripted customers starting conversations on their own (the demo); off for tests that script traffic. */
  traffic: boolean;
}

export async function startSimulators(options: SimulatorOptions) {
  // A few conversations at once, half of them heading for a human, so the console is busy from the start.
  const [dialai, certainly, directly, direqt, directline] = await Promise.all([
    startDialaiSimulator({ traffic: { enabled: options.traffic, openingBurst: 6 } }),
    startCertainlySimulator(),
    startDirectlySimulator(),
    // Their users start with `startPlatformUsers`, once Baton is wired to receive what they cause.
    startDireqtSimulator({ users: { enabled: false, openingBurst: 3 } }),
    startDirectLineSimulator({ users: { enabled: false, openingBurst: 3 } }),
  ]);
  return {
    dialai,
    certainly,
    directly,
    direqt,
    directline,
    /**
     * Direqt and Direct Line users reach Baton through webhooks and handoff notifications; started before the
     * receiving end is configured, their first conversations would go nowhere.
     */
    startPlatformUsers: () => {
      if (!options.traffic) return;
      direqt.control.startUsers();
      directline.control.setUsers({ enabled: true, openingBurst: 3 });
    },
    /** The JSON that `npm run sim` and `Demo providers:` print, keyed by platform. */
    providers: {
      dialai: dialai.info,
      certainly: certainly.info,
      directly: directly.info,
      direqt: direqt.info,
      directline: directline.info,
    },
    close: async () => {
      await Promise.allSettled([dialai, certainly, directly, direqt, directline].map((sim) => sim.close()));
    },
  };
}

export type Simulators = Awaited<ReturnType<typeof startSimulators>>;
