import { describe, expect, it, vi } from 'vitest';
import { reconnectWhenTokenRenewed } from './socketRenewal';

function fakeSocket() {
  const listeners = new Map<string, () => void>();
  return {
    on: (event: string, listener: () => void) => listeners.set(event, listener),
    connect: vi.fn(),
    emit: (event: string) => listeners.get(event)?.(),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('reconnectWhenTokenRenewed', () => {
  it('renews the session and connects again when the server turns the socket away', async () => {
    const socket = fakeSocket();
    const renew = vi.fn().mockResolvedValue(undefined);
    reconnectWhenTokenRenewed(socket, renew);
    socket.emit('auth_error');
    await settle();
    expect(renew).toHaveBeenCalledTimes(1);
    expect(socket.connect).toHaveBeenCalledTimes(1);
  });

  it('does not connect when the session cannot be renewed', async () => {
    const socket = fakeSocket();
    reconnectWhenTokenRenewed(socket, () => Promise.reject(new Error('auth lost')));
    socket.emit('auth_error');
    await settle();
    expect(socket.connect).not.toHaveBeenCalled();
  });

  it('waits before trying again when refused right after a renewal, and not after a good connection', async () => {
    const socket = fakeSocket();
    const renew = vi.fn().mockResolvedValue(undefined);
    const waits: number[] = [];
    reconnectWhenTokenRenewed(socket, renew, (ms) => {
      waits.push(ms);
      return Promise.resolve();
    });
    socket.emit('auth_error');
    await settle();
    socket.emit('auth_error'); // refused again at once: something other than an expired token
    await settle();
    expect(waits).toEqual([10_000]);
    socket.emit('ready');
    socket.emit('auth_error'); // hours later, expired again
    await settle();
    expect(waits).toEqual([10_000]);
    expect(socket.connect).toHaveBeenCalledTimes(3);
  });
});
