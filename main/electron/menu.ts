import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * A minimal menu. Electron's default menu has Help items that open electronjs.org in the
 * browser; Steward makes no network calls, so it has none. The File menu opens the other kind of
 * store (its label comes from store-switch-policy.ts, so the menu is installed again after a switch).
 */
export function installMenu(opts: { devTools: boolean; switchStore?: { label: string; click(): void } }): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        ...(opts.switchStore ? [{ label: opts.switchStore.label, click: () => opts.switchStore?.click() }, { type: 'separator' as const }] : []),
        isMac ? { role: 'close' as const } : { role: 'quit' as const },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(opts.devTools ? [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
