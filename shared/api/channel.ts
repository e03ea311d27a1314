import type { z } from 'zod';

/**
 * One entry of the contract: the zod schema of the single argument object, and (as a phantom
 * type) the result. The schema is checked at runtime in main; the result type only at compile time.
 */
export interface Channel<A extends z.ZodType, R> {
  readonly args: A;
  /** Phantom: never read at runtime. */
  readonly _result?: R;
  /** One line for humans (shown in docs and tests). */
  readonly doc: string;
}

/** `channel(doc, schema).returns<Result>()` declares a contract entry. */
export function channel<A extends z.ZodType>(doc: string, args: A) {
  return {
    returns<R>(): Channel<A, R> {
      return { args, doc };
    },
  };
}
