/** `npm run sim`: every platform simulator, standalone, printing one JSON line with how to reach each. */
import { startSimulators } from './simulators';

async function main(): Promise<void> {
  const simulators = await startSimulators({ traffic: process.env.BATON_SIM_TRAFFIC !== '0' });
  simulators.startPlatformUsers();
  console.log(JSON.stringify(simulators.providers));
  const stop = async () => {
    await simulators.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`Simulators could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
