import type { Reply } from './result';
import type { ChannelName } from './contract';
import type { EventMap, EventName } from './events';

/**
 * The single object the preload exposes as `window.steward` (and the Playwright bridge imitates).
 * Untyped at the transport; the renderer's client adds the types from the contract.
 */
export interface StewardBridge {
  invoke(channel: ChannelName, args: unknown): Promise<Reply<unknown>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}
