import type { ChannelName, ParsedArgsOf, ResultOf } from '../../shared/api/contract';
import type { ServiceContext } from '../services/context';

/** A handler: parsed args in, a result (or a promise of one) out. Throw StewardError for user errors. */
export type Handler<K extends ChannelName> = (args: ParsedArgsOf<K>, ctx: ServiceContext) => ResultOf<K> | Promise<ResultOf<K>>;

/** Handlers for a subset of channels: each domain's `*-handlers.ts` exports one of these. */
export type HandlersFor<K extends ChannelName> = { [P in K]: Handler<P> };

/** Every channel of the contract: a missing one is a compile error in handlers.ts. */
export type Handlers = HandlersFor<ChannelName>;
