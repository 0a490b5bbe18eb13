/**
 * Start-up: take the launch token out of the URL, pick the transport (desktop MessagePort or browser
 * WebSocket), connect, render.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { connectCore } from './app/core/connect';
import { createQueryClient } from './app/query-client';
import { useSessionStore } from './features/session/stores/session-store';
import { createTransport } from './transport/create-transport';
import { consumeLaunchParams } from './transport/launch-params';
import './styles/tokens.css';
import './styles/base.css';

const launch = consumeLaunchParams({
  location: window.location,
  history: window.history,
  session: sessionStorage,
});
const choice = createTransport(launch.token);
const root = createRoot(document.getElementById('root') as HTMLElement);

if (choice.ok) {
  const queryClient = createQueryClient();
  const core = connectCore(choice.transport, queryClient);
  root.render(
    <StrictMode>
      <App core={core} queryClient={queryClient} />
    </StrictMode>,
  );
} else {
  useSessionStore.setState({ phase: 'missing-token' });
  root.render(
    <StrictMode>
      <App core={null} />
    </StrictMode>,
  );
}
