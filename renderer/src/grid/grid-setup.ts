import { InfiniteRowModelModule, LocaleModule, ModuleRegistry, themeQuartz, type Module } from 'ag-grid-community';
/** Vite's `html.cspNonce` writes `<meta property="csp-nonce" nonce="…">` into index.html. */
const CSP_NONCE_META = 'meta[property="csp-nonce"]';

/**
 * ag-grid for the whole renderer: only the modules the screens use (smaller bundle, less
 * surface), and one calm theme matching the app's CSS. Screens that need more (e.g. client-side
 * rows for a small table) add their module here.
 */
const modules: Module[] = [
  InfiniteRowModelModule, // students: blocks of rows paged from SQL
  LocaleModule, // our own words for grid messages (localeText)
];
let registered = false;

export function registerGridModules(): void {
  if (registered) return;
  ModuleRegistry.registerModules(modules);
  registered = true;
}

/** The app's system font stack (no web fonts: the app makes no network calls). */
export const systemFontStack = ['system-ui', '-apple-system', 'Segoe UI', 'Roboto', 'Noto Sans', 'Liberation Sans', 'DejaVu Sans', 'Arial', 'sans-serif'];

export const gridTheme = themeQuartz.withParams({
  browserColorScheme: 'light',
  fontFamily: systemFontStack,
  fontSize: 14,
  headerFontSize: 13,
  headerFontWeight: 600,
  accentColor: '#1f5a85',
  foregroundColor: '#1b2430',
  backgroundColor: '#ffffff',
  borderColor: '#d5dae1',
  headerBackgroundColor: '#eef1f5',
  headerTextColor: '#1b2430',
  oddRowBackgroundColor: '#f8f9fb',
  rowHoverColor: '#e8f0f7',
  selectedRowBackgroundColor: '#dbe8f3',
  wrapperBorderRadius: 6,
  spacing: 7,
  rowHeight: 38,
  headerHeight: 42,
});

/** The per-response nonce the server put in index.html, so ag-grid's <style> elements pass the CSP. */
export function styleNonce(): string | undefined {
  const meta = document.querySelector<HTMLMetaElement>(CSP_NONCE_META);
  const nonce = meta?.nonce || meta?.getAttribute('nonce') || '';
  return nonce && !nonce.startsWith('__') ? nonce : undefined;
}
