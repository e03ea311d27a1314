import type { z } from 'zod';
import type { Channel } from './channel';
import { studentsApi } from './students-api';
import { auditApi } from './audit-api';
import { partnersApi } from './partners-api';
import { programsApi } from './programs-api';
import { agreementsApi } from './agreements-api';
import { previewApi } from './preview-api';
import { consentsApi } from './consents-api';
import { importApi } from './import-api';
import { packagesApi } from './packages-api';
import { storeApi } from './store-api';

/**
 * The one map from channel name (noun-verb, kebab-case) to its argument schema and result type.
 * Everything else is derived from it: the renderer's `invoke`, main's `Handlers` (a missing
 * handler is a compile error) and the test that every channel has a handler.
 * Each domain declares its part in its own `*-api.ts` file; add it to the spread below.
 */
export const contract = {
  ...studentsApi,
  ...auditApi,
  ...partnersApi,
  ...programsApi,
  ...agreementsApi,
  ...previewApi,
  ...consentsApi,
  ...importApi,
  ...packagesApi,
  ...storeApi,
};

export type Contract = typeof contract;
export type ChannelName = keyof Contract;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any is the widest schema here; args are narrowed per channel below
export type ArgsOf<K extends ChannelName> = Contract[K] extends Channel<infer A extends z.ZodType<any>, unknown> ? z.input<A> : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export type ParsedArgsOf<K extends ChannelName> = Contract[K] extends Channel<infer A extends z.ZodType<any>, unknown> ? z.output<A> : never;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export type ResultOf<K extends ChannelName> = Contract[K] extends Channel<any, infer R> ? R : never;
