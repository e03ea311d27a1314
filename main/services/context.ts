import { randomUUID } from 'node:crypto';
import type { Database } from '../db/sql';
import type { StoreMode } from '../db/connection';
import type { EventMap, EventName } from '../../shared/api/events';

/**
 * What every service gets: the open store, a clock, an id source and who is acting. Services
 * never read the clock or make ids themselves, so tests pin both.
 */
export interface ServiceContext {
  db: Database;
  mode: StoreMode;
  storePath: string;
  /** Who is acting, for the audit log: e.g. `cli:maria` or `app:privacy-officer`. No student data. */
  actor: string;
  now(): Date;
  newId(): string;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
}

export function createContext(init: Pick<ServiceContext, 'db' | 'mode' | 'storePath' | 'actor'> & Partial<ServiceContext>): ServiceContext {
  return {
    now: () => new Date(),
    newId: () => randomUUID(),
    emit: () => undefined,
    ...init,
  };
}
