/** Small clients for the simulators' `/__sim/` control planes, as the e2e tests use them. */
export async function simCall<T>(baseUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl}/__sim${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface ChannelMessage {
  id: string;
  from: 'customer' | 'bot' | 'agent';
  authorName?: string;
  text: string;
}

/** The simulated company chat backend: the test plays the customer through it. */
export function customerChannel(baseUrl: string, workspaceId: string) {
  return {
    startConversation: (customerName: string, firstMessage: string) =>
      simCall<{ id: string }>(baseUrl, 'POST', '/conversations', { workspaceId, customerName, firstMessage }),
    say: (id: string, text: string) =>
      simCall<unknown>(baseUrl, 'POST', `/conversations/${encodeURIComponent(id)}/say`, { text }),
    /** What the customer sent and saw. */
    messages: async (id: string): Promise<ChannelMessage[]> => {
      const { conversations } = await simCall<{
        conversations: { id: string; messages: ChannelMessage[] }[];
      }>(baseUrl, 'GET', '/conversations');
      return conversations.find((c) => c.id === id)?.messages ?? [];
    },
  };
}

/** What a platform simulator holds (`GET /__sim/conversations`), untyped: each platform has its own shape. */
export async function platformConversations(baseUrl: string): Promise<unknown[]> {
  const { conversations } = await simCall<{ conversations: unknown[] }>(baseUrl, 'GET', '/conversations');
  return conversations;
}
