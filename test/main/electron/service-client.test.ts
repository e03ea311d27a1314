import { afterEach, describe, expect, it, vi } from 'vitest';
import { REPLACED_HOST_GRACE_MS, ServiceClient, type ClientPort } from '../../../main/electron/service-client';
import type { ToHost } from '../../../main/electron/service-protocol';

/** A host process stand-in: records what main sends, can exit, and counts kills. */
function fakeHost() {
  const sent: ToHost[] = [];
  const exitListeners: (() => void)[] = [];
  const host = {
    sent,
    kills: 0,
    exit: () => exitListeners.splice(0).forEach((l) => l()),
    port: {
      post: (msg: ToHost) => sent.push(msg),
      onMessage: () => undefined,
      onExit: (l: () => void) => exitListeners.push(l),
      kill: () => {
        host.kills += 1;
      },
    } satisfies ClientPort,
  };
  return host;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('replacing the service host when the user switches stores', () => {
  it('asks the old host to shut down and kills it only if it is still running after the grace period', () => {
    vi.useFakeTimers();
    const hung = fakeHost();
    const client = new ServiceClient(hung.port);
    client.replaceHost(fakeHost().port);
    expect(hung.sent).toEqual([{ type: 'shutdown' }]);
    vi.advanceTimersByTime(REPLACED_HOST_GRACE_MS - 1);
    expect(hung.kills).toBe(0);
    vi.advanceTimersByTime(1);
    expect(hung.kills).toBe(1);
  });

  it('leaves a host that exits when asked alone', () => {
    vi.useFakeTimers();
    const polite = fakeHost();
    const client = new ServiceClient(polite.port);
    client.replaceHost(fakeHost().port);
    polite.exit();
    vi.advanceTimersByTime(REPLACED_HOST_GRACE_MS * 2);
    expect(polite.kills).toBe(0);
  });
});
