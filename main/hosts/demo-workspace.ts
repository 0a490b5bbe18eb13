/**
 * The demo workspace: with no configuration, Baton starts every simulator in-process and connects a
 * workspace to each, so a newcomer sees live traffic within seconds.
 */
import type { BatonCore } from '../core/baton-core';
import { createDialaiConnector } from '../providers/dialai/connector';
import { startSimulators, type SimulatorOptions } from './simulators';

export async function startDemo(core: BatonCore, options: SimulatorOptions = { traffic: true }) {
  const simulators = await startSimulators(options);
  const { dialai } = simulators.providers;
  await core.addWorkspace(
    {
      id: 'demo-dialai',
      platform: 'dialai',
      displayName: 'Dialai demo',
      baseUrl: dialai.baseUrl,
      demo: true,
    },
    createDialaiConnector({ workspaceId: 'demo-dialai', ...dialai }),
  );
  return simulators;
}
