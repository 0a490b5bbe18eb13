/**
 * The session on top of the transport: says hello on every (re)connect, resumes the event stream from the last
 * seen seq, notices gaps, and re-fetches when the core could not resume.
 */
import { PROTOCOL_VERSION } from '@contract';
import type { EventFrame } from '@contract';
import type { QueryClient } from '@tanstack/react-query';
import { preferredAgentName } from '../../features/session/lib/agent-name';
import { useSessionStore } from '../../features/session/stores/session-store';
import { serverNow, setServerTime } from '../../lib/clock';
import type { RpcClient } from '../../transport/rpc-client';
import { RpcError } from '../../transport/rpc-error';
import type { Transport } from '../../transport/transport';
import type { EventSync } from './event-sync';

export class CoreSession {
  /** Seq of the last inbox event seen; 0 before the first hello. */
  private seq = 0;
  private streamId: string | null = null;
  private helloCount = 0;
  private readonly offs: (() => void)[] = [];

  constructor(
    private readonly transport: Transport,
    private readonly rpc: RpcClient,
    private readonly sync: EventSync,
    private readonly queryClient: QueryClient,
    /** Requests to send right behind the first hello, before its answer (the core answers in order). */
    private readonly behindFirstHello: () => void = () => {},
  ) {}

  get lastSeq(): number {
    return this.seq;
  }

  start(): void {
    this.offs.push(
      this.transport.onStatus((status) => {
        const { phase, everReady } = useSessionStore.getState();
        useSessionStore.setState({ connection: status });
        if (status === 'open') void this.hello();
        else if (phase !== 'refused')
          useSessionStore.setState({ phase: everReady ? 'reconnecting' : 'starting' });
      }),
      this.rpc.onEvent((frame) => this.onEvent(frame)),
    );
    useSessionStore.setState({ connection: this.transport.status });
    if (this.transport.status === 'open') void this.hello();
  }

  stop(): void {
    for (const off of this.offs.splice(0)) off();
  }

  /** Re-introduces the console under a new name without dropping the event stream. */
  async rename(agentName: string): Promise<void> {
    const result = await this.rpc.request('session.hello', {
      protocol: PROTOCOL_VERSION,
      agentName,
      ...this.resumePoint(),
    });
    useSessionStore.setState({ agent: result.agent });
    if (!result.resumed) this.restart(result.streamId, result.seq);
  }

  private async hello(): Promise<void> {
    const first = this.helloCount++ === 0;
    const resumePoint = this.resumePoint();
    if (!useSessionStore.getState().everReady) useSessionStore.setState({ phase: 'handshaking' });
    try {
      const agentName = preferredAgentName();
      const answer = this.rpc.request(
        'session.hello',
        {
          protocol: PROTOCOL_VERSION,
          ...(agentName ? { agentName } : {}),
          ...resumePoint,
        },
        { beforeReady: true },
      );
      if (first) this.behindFirstHello();
      const result = await answer;
      setServerTime(result.serverTime);
      if (!resumePoint.resume || !result.resumed) this.restart(result.streamId, result.seq, !first);
      this.rpc.setReady(true);
      useSessionStore.setState((s) => ({
        phase: 'ready',
        everReady: true,
        agent: result.agent,
        error: null,
        reconnects: first ? s.reconnects : s.reconnects + 1,
        reconnectedAt: first ? s.reconnectedAt : serverNow(),
      }));
    } catch (error) {
      if (error instanceof RpcError && !error.transient) {
        // The core answered and said no: a bad token or an incompatible build. Retrying will not help.
        console.error('[baton] session.hello refused', error.body);
        useSessionStore.setState({ phase: 'refused', error: error.message });
      }
      // Transient failures: the transport reconnects and we say hello again then.
    }
  }

  /** The stream starts afresh at `seq`: forget history and re-fetch whatever is cached. */
  /** Where to resume from: the stream this console last followed and the last event it applied. */
  private resumePoint(): { resume?: { streamId: string; afterSeq: number } } {
    return this.streamId && this.seq > 0 ? { resume: { streamId: this.streamId, afterSeq: this.seq } } : {};
  }

  private restart(streamId: string, seq: number, refetch = true): void {
    this.streamId = streamId;
    this.seq = seq;
    this.sync.reset();
    if (refetch) void this.queryClient.invalidateQueries();
  }

  private onEvent(frame: EventFrame): void {
    if (frame.seq <= this.seq) return; // replayed twice (resume overlap): already applied
    if (this.seq > 0 && frame.seq > this.seq + 1 && this.rpc.isReady) {
      // A hole in the stream: something was missed. Keep going, but re-fetch to be whole again.
      console.warn(`[baton] event gap: expected ${this.seq + 1}, got ${frame.seq}; re-fetching`);
      this.seq = frame.seq;
      this.sync.accept(frame);
      void this.queryClient.invalidateQueries();
      return;
    }
    this.seq = frame.seq;
    this.sync.accept(frame);
  }
}
