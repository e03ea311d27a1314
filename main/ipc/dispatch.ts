import { contract, type ChannelName } from '../../shared/api/contract';
import { channelModes } from '../../shared/api/channel-modes';
import { isStewardError, type Reply } from '../../shared/api/result';
import type { ServiceContext } from '../services/context';
import type { Handlers } from './handler-types';
import { handlers as allHandlers } from './handlers';
import { logError } from '../services/log';
import { wrongModeError } from '../services/identity-service';

/**
 * Refuses a channel the open store's mode does not answer (shared/api/channel-modes.ts: default
 * deny, so a partner workspace reaches no district channel), validates the argument with the
 * channel's zod schema, runs the handler, and turns every outcome into a Reply. Unexpected
 * exceptions become a generic INTERNAL error: their text may hold data and stays in the local
 * log, which is itself scrubbed (main/services/log.ts).
 */
export async function dispatch(ctx: ServiceContext, name: string, rawArgs: unknown, handlers: Handlers = allHandlers): Promise<Reply<unknown>> {
  if (!Object.prototype.hasOwnProperty.call(contract, name)) {
    return { ok: false, error: { code: 'BAD_INPUT', message: `Unknown request '${name.slice(0, 60)}'.` } };
  }
  const channel = name as ChannelName;
  const modes = channelModes(channel);
  if (!modes.includes(ctx.mode)) {
    const refusal = wrongModeError(modes[0]!, `The request '${channel}'`);
    return { ok: false, error: { code: refusal.code, message: refusal.message } };
  }
  const parsed = contract[channel].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(arguments)';
    return { ok: false, error: { code: 'BAD_INPUT', message: `Invalid request ${channel}: ${field}: ${issue?.message ?? 'invalid'}.`, where: { field } } };
  }
  try {
    const handler = handlers[channel] as (args: unknown, c: ServiceContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (e) {
    if (isStewardError(e)) return { ok: false, error: { code: e.code, message: e.message, ...(e.where ? { where: e.where } : {}) } };
    logError(`handler ${channel} failed`, e);
    return { ok: false, error: { code: 'INTERNAL', message: 'Something went wrong inside Steward. Nothing was changed. The details are in the local log; please report them to your IT contact.' } };
  }
}
