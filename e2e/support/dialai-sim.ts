/** The Dialai simulator's control plane (`/__sim/`), as the e2e tests use it to play the customer. */
export interface SimMessage {
  id: string;
  from: 'user' | 'bot' | 'csr' | 'system';
  text: string;
}
export interface SimConversation {
  id: string;
  status: string;
  messages: SimMessage[];
}

export function dialaiSim(baseUrl: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/__sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    startConversation: (options: { customerName: string; escalate: boolean; firstMessage: string }) =>
      call<{ id: string }>('POST', '/conversations', options),
    say: (id: string, text: string) =>
      call<unknown>('POST', `/conversations/${encodeURIComponent(id)}/say`, { text }),
    conversation: async (id: string): Promise<SimConversation | undefined> => {
      const { conversations } = await call<{ conversations: SimConversation[] }>('GET', '/conversations');
      return conversations.find((c) => c.id === id);
    },
  };
}
