/**
 * A minimal application menu: the Edit roles make copy, paste and undo work (and their shortcuts on macOS);
 * reload and developer tools exist in development only.
 */
import type { MenuItemConstructorOptions } from 'electron';

export function appMenuTemplate(options: {
  dev: boolean;
  platform: NodeJS.Platform;
}): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (options.platform === 'darwin') template.push({ role: 'appMenu' });
  else template.push({ role: 'fileMenu' });
  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { role: 'selectAll' },
    ],
  });
  if (options.dev) {
    template.push({
      label: 'View',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  template.push({ role: 'windowMenu' });
  return template;
}
