import { expect, it, vi } from 'vitest';
import * as fake from './testing/fake-electron';

vi.mock('electron', () => import('./testing/fake-electron'));

it('quits at once, without a window or a core, when another instance holds the lock', async () => {
  fake.app.requestSingleInstanceLock.mockReturnValueOnce(false);
  await import('./main');
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(fake.app.quit).toHaveBeenCalledOnce();
  expect(fake.app.whenReady).not.toHaveBeenCalled();
  expect(fake.FakeBrowserWindow.instances).toHaveLength(0);
  expect(fake.utilityProcess.fork).not.toHaveBeenCalled();
});
