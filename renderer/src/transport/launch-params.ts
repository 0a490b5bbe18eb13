/**
 * The browser host prints a URL like `http://127.0.0.1:<port>/#token=<hex>&agent=Alice`. The token is read
 * once, kept in sessionStorage (so a reload keeps working in this tab, but it does not leak to other tabs or
 * outlive the browser session) and wiped from the address bar so it is not shared by a copied link.
 */
export interface LaunchParams {
  token: string | null;
  /** Agent name given in the launch URL; wins over the one saved in Settings, for this tab only. */
  agentName: string | null;
}

export const TOKEN_KEY = 'baton.token';
export const LAUNCH_AGENT_KEY = 'baton.launchAgent';

/** Parses `#token=…&agent=…`; returns null for hashes that are not launch parameters (e.g. `#/waiting`). */
export function parseLaunchHash(hash: string): LaunchParams | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (!/(^|&)token=/.test(raw)) return null;
  const params = new URLSearchParams(raw);
  const token = params.get('token')?.trim() || null;
  const agentName = params.get('agent')?.trim() || null;
  return { token, agentName };
}

export interface LaunchEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  history: Pick<History, 'replaceState' | 'state'>;
  session: Pick<Storage, 'getItem' | 'setItem'>;
}

export function consumeLaunchParams(env: LaunchEnvironment): LaunchParams {
  const fromHash = parseLaunchHash(env.location.hash);
  if (fromHash) {
    if (fromHash.token) env.session.setItem(TOKEN_KEY, fromHash.token);
    if (fromHash.agentName) env.session.setItem(LAUNCH_AGENT_KEY, fromHash.agentName);
    env.history.replaceState(env.history.state, '', env.location.pathname + env.location.search);
  }
  return {
    token: env.session.getItem(TOKEN_KEY),
    agentName: env.session.getItem(LAUNCH_AGENT_KEY),
  };
}
