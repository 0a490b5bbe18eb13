/** Each agent's notification settings: in SQLite when the core has a data folder, in memory otherwise. */
import type { NotificationSettings } from '../../contract';
import { DEFAULT_NOTIFICATION_SETTINGS, NotificationSettings as Schema } from '../../contract';
import type { Db } from '../persistence/database';

export interface AgentSettingsStore {
  get(agentId: string): NotificationSettings;
  save(agentId: string, settings: NotificationSettings): void;
}

export class MemoryAgentSettingsStore implements AgentSettingsStore {
  private readonly settings = new Map<string, NotificationSettings>();

  get(agentId: string): NotificationSettings {
    return this.settings.get(agentId) ?? DEFAULT_NOTIFICATION_SETTINGS;
  }

  save(agentId: string, settings: NotificationSettings): void {
    this.settings.set(agentId, settings);
  }
}

export class SqliteAgentSettingsStore implements AgentSettingsStore {
  private readonly cache = new Map<string, NotificationSettings>();

  constructor(private readonly db: Db) {}

  get(agentId: string): NotificationSettings {
    const cached = this.cache.get(agentId);
    if (cached) return cached;
    const row = this.db
      .prepare('SELECT notifications FROM agent_settings WHERE agent_id = ?')
      .get(agentId) as { notifications: string } | undefined;
    let settings = DEFAULT_NOTIFICATION_SETTINGS;
    if (row) {
      // A row written by an older or newer Baton that no longer fits falls back to the defaults.
      const parsed = Schema.safeParse(safeJson(row.notifications));
      if (parsed.success) settings = parsed.data;
    }
    this.cache.set(agentId, settings);
    return settings;
  }

  save(agentId: string, settings: NotificationSettings): void {
    this.db
      .prepare(
        `INSERT INTO agent_settings (agent_id, notifications) VALUES (?, ?)
         ON CONFLICT (agent_id) DO UPDATE SET notifications = excluded.notifications`,
      )
      .run(agentId, JSON.stringify(settings));
    this.cache.set(agentId, settings);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
