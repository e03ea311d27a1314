/**
 * The renderer's typed client over `window.steward` (the preload bridge in the app, the
 * Playwright bridge in e2e tests). Types come from the one contract in shared/api; a failed
 * reply becomes an ApiError carrying the reply's code, message and where.
 */
import type { ArgsOf, ChannelName, ResultOf } from '../../../shared/api/contract';
import type { ErrorCode, ReplyError } from '../../../shared/api/result';
import type { EventMap, EventName } from '../../../shared/api/events';
import type { StewardBridge } from '../../../shared/api/bridge';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly where: ReplyError['where'];
  /** The channel that failed, for diagnostics (never shown as the message). */
  readonly channel: string;

  constructor(error: ReplyError, channel: string) {
    super(error.message);
    this.name = 'ApiError';
    this.code = error.code;
    this.where = error.where;
    this.channel = channel;
  }
}

function bridge(): StewardBridge {
  const b = (window as unknown as { steward?: StewardBridge }).steward;
  if (!b) {
    throw new ApiError({ code: 'INTERNAL', message: 'Steward could not reach its services (the app bridge is missing). Restart Steward.' }, '(bridge)');
  }
  return b;
}

/** Calls one channel of the contract. Resolves with its result, or rejects with an ApiError. */
export async function invoke<K extends ChannelName>(name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const reply = await bridge().invoke(name, args);
  if (reply.ok) return reply.value as ResultOf<K>;
  throw new ApiError(reply.error, name);
}

/** Listens to one push event; returns the unsubscribe function. */
export function subscribe<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return bridge().subscribe(event, listener);
}

/** Any thrown value as an ApiError, so screens show one kind of error. */
export function toApiError(e: unknown, channel = '(unknown)'): ApiError {
  if (e instanceof ApiError) return e;
  return new ApiError({ code: 'INTERNAL', message: 'Something went wrong while talking to Steward\'s services. Try again; if it keeps happening, restart Steward.' }, channel);
}
