/**
 * Builds a workspace's connector from its saved settings and its keychain secrets. Relayed platforms get a
 * gateway registration (and so a `webhookUrl`); a workspace that is turned off or lacks a secret gets a
 * stand-in connector that reports `disabled` with the reason, so it still shows in the console.
 */
import type { Capabilities, PlatformKind } from '../../contract';
import { CERTAINLY_CAPABILITIES, createCertainlyConnector } from '../../providers/certainly/connector';
import { createDialaiConnector, DIALAI_CAPABILITIES } from '../../providers/dialai/connector';
import { createDirectlyConnector, DIRECTLY_CAPABILITIES } from '../../providers/directly/connector';
import { createDirectLineConnector, DIRECTLINE_CAPABILITIES } from '../../providers/directline/connector';
import { createDireqtConnector, DIREQT_CAPABILITIES } from '../../providers/direqt/connector';
import type { Connector, ConnectorSink } from '../connector';
import { ConnectorError } from '../connector';
import type { Gateway } from '../gateway/gateway-server';

export const PLATFORM_CAPABILITIES: Record<PlatformKind, Capabilities> = {
  dialai: DIALAI_CAPABILITIES,
  certainly: CERTAINLY_CAPABILITIES,
  directly: DIRECTLY_CAPABILITIES,
  direqt: DIREQT_CAPABILITIES,
  directline: DIRECTLINE_CAPABILITIES,
};

/** Where a signed-in Dialai agent's refresh token lives in the keychain (not a form field). */
export const DIALAI_REFRESH_TOKEN = 'refreshToken';
/** The public client Dialai's sign-in uses unless the workspace names another. */
export const DIALAI_DEFAULT_SIGN_IN_CLIENT = 'baton-desktop';

export function dialaiSignInClient(settings: Record<string, string>): string {
  return settings.signInClientId || DIALAI_DEFAULT_SIGN_IN_CLIENT;
}

/** Secrets a platform keeps beyond its form fields. */
export const EXTRA_SECRET_KEYS: Partial<Record<PlatformKind, string[]>> = { dialai: [DIALAI_REFRESH_TOKEN] };

/** Platforms whose webhooks or customer messages arrive through Baton's gateway. */
export const RELAYED: ReadonlySet<PlatformKind> = new Set(['certainly', 'directly', 'direqt', 'directline']);

/** Where the gateway expects a workspace's webhooks, without registering anything. */
export function webhookUrlOf(gateway: Pick<Gateway, 'url'>, platform: PlatformKind, workspaceId: string) {
  return RELAYED.has(platform) ? `${gateway.url}/webhooks/${encodeURIComponent(workspaceId)}` : undefined;
}

export interface BuiltConnector {
  connector: Connector;
  webhookUrl?: string;
}

/** A workspace that cannot connect (turned off, a secret missing): every call says why. */
export class DisabledConnector implements Connector {
  readonly capabilities: Capabilities;
  constructor(
    readonly platform: PlatformKind,
    private readonly reason: string,
  ) {
    this.capabilities = PLATFORM_CAPABILITIES[platform];
  }
  async start(sink: ConnectorSink): Promise<void> {
    sink.health({ state: 'disabled', lastError: this.reason });
  }
  async stop(): Promise<void> {}
  private refuse(): Promise<never> {
    return Promise.reject(new ConnectorError(this.reason, 'unavailable'));
  }
  fetchMessages = () => this.refuse();
  takeOver = () => this.refuse();
  reply = () => this.refuse();
  handBack = () => this.refuse();
  close = () => this.refuse();
}

export interface ConnectorInput {
  id: string;
  platform: PlatformKind;
  settings: Record<string, string>;
  secrets: Record<string, string>;
  enabled: boolean;
  /** Stores a secret the platform rotated (a Dialai refresh token): old ones stop working. */
  rotateSecret?: (key: string, value: string) => Promise<void>;
}

/** Names of required secrets that are missing, for the `disabled` reason. */
function missing(secrets: Record<string, string>, keys: string[]): string[] {
  return keys.filter((key) => !secrets[key]);
}

export function buildConnector(input: ConnectorInput, gateway: Gateway): BuiltConnector {
  const { id: workspaceId, platform, settings: s, secrets } = input;
  if (!input.enabled) return { connector: new DisabledConnector(platform, 'Turned off in settings.') };
  const need = (keys: string[]): BuiltConnector | null => {
    const absent = missing(secrets, keys);
    return absent.length === 0
      ? null
      : {
          connector: new DisabledConnector(
            platform,
            `Not connected: set ${absent.join(', ')} in the workspace settings.`,
          ),
        };
  };
  const str = (key: string) => s[key] ?? '';
  switch (platform) {
    case 'dialai': {
      const location = { workspaceId, baseUrl: str('baseUrl'), tenant: str('tenant'), realm: str('realm') };
      // A signed-in agent's refresh token wins over a service account.
      const refreshToken = secrets[DIALAI_REFRESH_TOKEN];
      if (refreshToken) {
        return {
          connector: createDialaiConnector({
            ...location,
            clientId: dialaiSignInClient(s),
            refreshToken,
            onRefreshToken: (token) => input.rotateSecret?.(DIALAI_REFRESH_TOKEN, token) ?? Promise.resolve(),
          }),
        };
      }
      if (!str('clientId') || !secrets.clientSecret) {
        return {
          connector: new DisabledConnector(
            platform,
            'Not connected: sign in with Dialai, or set a client id and client secret.',
          ),
        };
      }
      return {
        connector: createDialaiConnector({
          ...location,
          clientId: str('clientId'),
          clientSecret: secrets.clientSecret,
        }),
      };
    }
    case 'certainly': {
      const blocked = need(['token', 'channelSecret']);
      if (blocked) return blocked;
      const relay = gateway.register(workspaceId, {
        secret: secrets.channelSecret ?? '',
        callbackUrl: str('callbackUrl'),
      });
      return {
        connector: createCertainlyConnector(
          {
            workspaceId,
            baseUrl: str('baseUrl'),
            deploymentId: str('deploymentId'),
            token: secrets.token ?? '',
          },
          relay,
        ),
        webhookUrl: relay.webhookUrl,
      };
    }
    case 'directly': {
      const blocked = need(['clientSecret', 'webhookSigningSecret', 'channelSecret']);
      if (blocked) return blocked;
      const relay = gateway.register(workspaceId, {
        secret: secrets.channelSecret ?? '',
        callbackUrl: str('callbackUrl'),
      });
      return {
        connector: createDirectlyConnector(
          {
            workspaceId,
            baseUrl: str('baseUrl'),
            tokenUrl: str('tokenUrl'),
            clientId: str('clientId'),
            clientSecret: secrets.clientSecret ?? '',
            webhookSigningSecret: secrets.webhookSigningSecret ?? '',
          },
          relay,
        ),
        webhookUrl: relay.webhookUrl,
      };
    }
    case 'direqt': {
      const blocked = need(['accessToken', 'signingSecret']);
      if (blocked) return blocked;
      const relay = gateway.register(workspaceId);
      return {
        connector: createDireqtConnector(
          {
            workspaceId,
            baseUrl: str('baseUrl'),
            accessToken: secrets.accessToken ?? '',
            signingSecret: secrets.signingSecret ?? '',
            chatbotWebhookUrl: str('chatbotWebhookUrl'),
          },
          relay,
        ),
        webhookUrl: relay.webhookUrl,
      };
    }
    case 'directline': {
      const blocked = need(['secret', 'handoffSecret']);
      if (blocked) return blocked;
      const relay = gateway.register(workspaceId);
      return {
        connector: createDirectLineConnector(
          {
            workspaceId,
            baseUrl: str('baseUrl'),
            handoffSecret: secrets.handoffSecret ?? '',
            secret: secrets.secret ?? '',
          },
          relay,
        ),
        webhookUrl: relay.webhookUrl,
      };
    }
  }
}
