import { MessageChannel } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../contract';
import { createMessagePortChannel } from './message-port-channel';
import type { MessagePortLike } from './message-port-channel';

/**
 * Node's MessagePort stands in for Electron's MessagePortMain (real structured clone, real close events);
 * the only difference is that Electron wraps the payload as `{ data }`, which this shim reproduces.
 */
function asElectronPort(port: MessagePort): MessagePortLike {
  return {
    on(event: 'message' | 'close', listener: (arg: { data: unknown }) => void) {
      if (event === 'message') port.on('message', (data: unknown) => listener({ data }));
      else port.on('close', () => (listener as () => void)());
      return this;
    },
    postMessage: (message) => port.postMessage(message),
    start: () => port.start(),
    close: () => port.close(),
  } as MessagePortLike;
}

const nextMessage = (port: MessagePort) => new Promise<unknown>((resolve) => port.once('message', resolve));

const frame: ServerFrame = {
  kind: 'response',
  id: 'r1',
  ok: true,
  result: { workspaces: [], at: new Date(0).toISOString() },
};

describe('MessagePort channel', () => {
  const open: MessagePort[] = [];
  const pair = () => {
    const { port1, port2 } = new MessageChannel();
    open.push(port1, port2);
    return { core: port1, renderer: port2 };
  };
  afterEach(() => {
    for (const port of open.splice(0)) port.close();
  });

  it('sends frames to the renderer as structured-cloned objects', async () => {
    const { core, renderer } = pair();
    const channel = createMessagePortChannel(asElectronPort(core), 'desktop window 1');
    expect(channel.label).toBe('desktop window 1');
    const received = nextMessage(renderer);
    channel.send(frame);
    expect(await received).toEqual(frame);
  });

  it('sends the frames of one turn as one message, in order', async () => {
    const { core, renderer } = pair();
    const channel = createMessagePortChannel(asElectronPort(core), 'desktop window 1');
    const messages: unknown[] = [];
    renderer.on('message', (data: unknown) => messages.push(data));
    const second: ServerFrame = { ...frame, id: 'r2' };
    channel.send(frame);
    channel.send(second);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(messages).toEqual([[frame, second]]);
  });

  it('hands the core what the renderer posts, including what arrived before the handler', async () => {
    const { core, renderer } = pair();
    const channel = createMessagePortChannel(asElectronPort(core), 'desktop window 1');
    const request = { kind: 'request', id: '1', method: 'workspaces.list', params: {} };
    renderer.postMessage(request);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const handler = vi.fn();
    channel.onMessage(handler);
    expect(handler).toHaveBeenCalledExactlyOnceWith(request);
    renderer.postMessage({ ...request, id: '2' });
    await vi.waitFor(() => expect(handler).toHaveBeenCalledTimes(2));
    expect(handler).toHaveBeenLastCalledWith({ ...request, id: '2' });
  });

  it('reports close once when the renderer goes away, and sends nothing after', async () => {
    const { core, renderer } = pair();
    const port = asElectronPort(core);
    const post = vi.spyOn(port, 'postMessage');
    const channel = createMessagePortChannel(port, 'desktop window 1');
    const onClose = vi.fn();
    channel.onClose(onClose);
    renderer.close();
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledOnce());
    channel.send(frame);
    expect(post).not.toHaveBeenCalled();
    const late = vi.fn();
    channel.onClose(late);
    await vi.waitFor(() => expect(late).toHaveBeenCalledOnce());
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('closes the port when the core closes the channel', async () => {
    const { core, renderer } = pair();
    const channel = createMessagePortChannel(asElectronPort(core), 'desktop window 1');
    const onClose = vi.fn();
    channel.onClose(onClose);
    const rendererClosed = new Promise<void>((resolve) => renderer.once('close', () => resolve()));
    channel.close('protocol violation');
    channel.close('again');
    expect(onClose).toHaveBeenCalledOnce();
    await rendererClosed;
  });

  it('closes the channel when a frame cannot be cloned', async () => {
    const { core } = pair();
    const log = vi.fn();
    const channel = createMessagePortChannel(asElectronPort(core), 'desktop window 1', log);
    const onClose = vi.fn();
    channel.onClose(onClose);
    channel.send({ ...frame, result: { fn: () => 1 } } as unknown as ServerFrame);
    // Frames leave at the end of the turn; that is when the clone fails.
    await new Promise((resolve) => setImmediate(resolve));
    expect(onClose).toHaveBeenCalledOnce();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('could not send a frame'));
  });
});
