import type { Page } from '@playwright/test';
import type { ArgsOf, ChannelName, ResultOf } from '../../shared/api/contract';
import type { Reply } from '../../shared/api/result';

/**
 * Calls a channel from inside the page, through the same window.steward bridge the renderer uses,
 * for checks that have no screen yet (e.g. the preview rows). Fails with the reply's message.
 */
export async function invokeFromPage<K extends ChannelName>(page: Page, name: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
  const reply = await page.evaluate(
    ([n, a]) => (globalThis as unknown as { steward: { invoke(n: string, a: unknown): Promise<unknown> } }).steward.invoke(n, a),
    [name, args] as const,
  ) as Reply<ResultOf<K>>;
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.value;
}
