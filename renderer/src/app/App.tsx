import { lazy, Suspense, useEffect, useMemo, useRef, type ComponentType, type LazyExoticComponent } from 'react';
import { screens } from '../screens/registry';
import { navGroups, type ScreenDef, type ScreenProps } from '../screens/types';
import { useQuery } from '../api/hooks';
import { hrefFor, navigate, useRoute } from './routing';
import { ErrorNotice } from './ErrorNotice';
import { TaskProgress } from './TaskProgress';

const lazyScreens = new Map<ScreenDef, LazyExoticComponent<ComponentType<ScreenProps>>>();
function screenComponent(def: ScreenDef) {
  let c = lazyScreens.get(def);
  if (!c) lazyScreens.set(def, (c = lazy(def.load)));
  return c;
}

/**
 * The app shell: skip link, header (district and store mode), navigation from the screen
 * registry, and the current screen in <main>. On a screen change the heading takes focus, so
 * keyboard and screen-reader users land on the new content.
 */
export function App() {
  const route = useRoute();
  const summary = useQuery('district-summary', {});
  const current = screens.find((s) => s.path === route.screen);
  const heading = useRef<HTMLHeadingElement>(null);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.title = `${current?.title ?? 'Not found'} · Steward`;
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [current, route.params.join('/')]);

  const Screen = current ? screenComponent(current) : null;
  const props = useMemo<ScreenProps>(() => ({ params: route.params, navigate }), [route.params]);
  const s = summary.data;

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main-content"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to main content
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">S</span>
          <span className="brand-name">Steward</span>
        </div>
        <div className="header-district">
          <span className="header-label">District</span>
          <span className="header-value">{s ? (s.districtName ?? 'Unnamed district') : summary.error ? 'Store not open' : 'Opening…'}</span>
        </div>
        <div className="header-store">
          <span className="badge">{s?.mode === 'partner' ? 'Partner workspace' : 'District store'}</span>
          <span className="header-note">Encrypted on this computer</span>
        </div>
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label="Main">
          {navGroups.map((group) => {
            const items = screens.filter((d) => d.group === group && d.inNav !== false);
            if (items.length === 0) return null;
            const id = `nav-${group.replace(/\W+/g, '-').toLowerCase()}`;
            return (
              <div className="nav-group" key={group}>
                <h2 id={id} className="nav-group-title">{group}</h2>
                <ul aria-labelledby={id}>
                  {items.map((d) => (
                    <li key={d.path}>
                      <a href={hrefFor(d.path)} aria-current={d === current ? 'page' : undefined}>
                        {d.title}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
        </nav>
        <main id="main-content" className="app-main" ref={main} tabIndex={-1} aria-labelledby="page-title">
          <TaskProgress />
          {summary.error && <ErrorNotice error={summary.error} title="The district store is not open" />}
          <h1 id="page-title" ref={heading} tabIndex={-1}>
            {current?.title ?? 'Page not found'}
          </h1>
          {Screen ? (
            <Suspense fallback={<p className="muted">Loading…</p>}>
              <Screen {...props} />
            </Suspense>
          ) : (
            <p>
              There is no screen at this address. <a href={hrefFor('')}>Go to the home screen</a>.
            </p>
          )}
        </main>
      </div>
    </div>
  );
}
