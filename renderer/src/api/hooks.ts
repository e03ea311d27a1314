import { useCallback, useEffect, useRef, useState } from 'react';
import type { ArgsOf, ChannelName, ResultOf } from '../../../shared/api/contract';
import type { EventMap, EventName } from '../../../shared/api/events';
import { invoke, subscribe, toApiError, type ApiError } from './client';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  /** Asks again (e.g. after a change elsewhere). */
  reload(): void;
}

/**
 * Fetches one channel's result and re-fetches when the arguments change (compared by value).
 * A late reply for old arguments is ignored, so a fast typist never sees stale results.
 */
export function useQuery<K extends ChannelName>(name: K, args: ArgsOf<K>): QueryState<ResultOf<K>> {
  const key = JSON.stringify(args);
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ data: ResultOf<K> | undefined; error: ApiError | null; loading: boolean }>({ data: undefined, error: null, loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    invoke(name, JSON.parse(key) as ArgsOf<K>).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (e: unknown) => live && setState({ data: undefined, error: toApiError(e, name), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [name, key, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}

/** Subscribes to a push event for the life of the component. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => subscribe(event, (p) => latest.current(p)), [event]);
}

/** A value that settles `ms` after the last change (search boxes). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
