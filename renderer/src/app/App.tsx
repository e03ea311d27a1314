import { lazy, Suspense, useEffect, useMemo, useRef, type ComponentType, type LazyExoticComponent } from 'react';
import { screens } from '../screens/registry';
import { navGroups, screensFor, type ScreenDef, type ScreenProps } from '../screens/types';
import type { StoreInfo } from '../../../shared/api/store-api';
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
 * The app shell: skip link, header (whose store, and which kind), navigation from the screen
 * registry, and the current screen in <main>. Only the screens of the open store's mode are
 * offered or shown: partner staff see their workspace's screens, never the district's. On a screen
 * change the heading takes focus, so keyboard and screen-reader users land on the new content.
 */
export function App() {
  const route = useRoute();
  const info = useQuery('store-info', {});
  const mode = info.data?.mode;
  const available = useMemo(() => (mode ? screensFor(screens, mode) : []), [mode]);
  const current = available.find((s) => s.path === route.screen);
  const title = current?.title ?? (!mode ? (info.error ? 'Store not open' : 'Opening…') : screens.some((s) => s.path === route.screen) ? 'Not available here' : 'Page not found');
  const heading = useRef<HTMLHeadingElement>(null);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    document.title = `${title} · Steward`;
    // The first screen after the store answered is an arrival, not a change: focus stays put.
    if (!mode) return;
    if (first.current) {
      first.current = false;
      return;
    }
    heading.current?.focus();
  }, [current, title, mode, route.params.join('/')]);

  // The header follows changes made on a screen (a workspace names itself when its identity is created).
  const reloadInfo = info.reload;
  const visited = useRef(route.screen);
  useEffect(() => {
    if (visited.current === route.screen) return;
    visited.current = route.screen;
    reloadInfo();
  }, [route.screen, reloadInfo]);

  const Screen = current ? screenComponent(current) : null;
  const props = useMemo<ScreenProps>(() => ({ params: route.params, navigate }), [route.params]);

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
        <StoreHeader info={info.data} failed={Boolean(info.error)} />
      </header>
      <div className="app-body">
        <nav className="app-nav" aria-label="Main">
          {navGroups.map((group) => {
            const items = available.filter((d) => d.group === group && d.inNav !== false);
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
          {/* Neutral words: which kind of store it is comes from store-info, the very request that failed. */}
          {info.error && <ErrorNotice error={info.error} title="The store is not open" />}
          <h1 id="page-title" ref={heading} tabIndex={-1}>
            {title}
          </h1>
          {Screen ? (
            <Suspense fallback={<p className="muted">Loading…</p>}>
              <Screen {...props} />
            </Suspense>
          ) : mode ? (
            <p>
              {title === 'Not available here'
                ? mode === 'partner' ? 'This screen belongs to the district store. A partner workspace holds only the packages it received. ' : 'This screen belongs to a partner workspace. '
                : 'There is no screen at this address. '}
              <a href={hrefFor('')}>Go to the home screen</a>.
            </p>
          ) : null}
        </main>
      </div>
    </div>
  );
}

/** Whose store is open and which kind: a partner workspace names the partner organisation, never a district; unknown until store-info answers. */
function StoreHeader({ info, failed }: { info: StoreInfo | undefined; failed: boolean }) {
  const partner = info?.mode === 'partner';
  const name = info ? (info.organizationName ?? (partner ? 'Not named yet (create the identity)' : 'Unnamed district')) : failed ? 'Store not open' : 'Opening…';
  return (
    <>
      <div className="header-district">
        <span className="header-label">{!info ? 'Store' : partner ? 'Partner organisation' : 'District'}</span>
        <span className="header-value">{name}</span>
      </div>
      {info && (
        <div className="header-store">
          <span className="badge">{partner ? 'Partner workspace' : 'District store'}</span>
          <span className="header-note">{partner ? 'Packages received from the district, encrypted on this computer' : 'Encrypted on this computer'}</span>
        </div>
      )}
    </>
  );
}
