import { useEffect, useState } from 'react';

/**
 * Hash routing (`#/students`): works the same over app:// and the e2e test server, and a screen
 * change is not a navigation (the shell's navigation policy denies those).
 */
export interface Route {
  /** The first segment: which screen. */
  screen: string;
  params: string[];
}

export function parseHash(hash: string): Route {
  const segments = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return { screen: segments[0] ?? '', params: segments.slice(1) };
}

export function hrefFor(path: string): string {
  return `#/${path}`;
}

export function navigate(to: string): void {
  window.location.hash = hrefFor(to.replace(/^\/+/, ''));
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
