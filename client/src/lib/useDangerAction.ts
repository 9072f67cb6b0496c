import { useState } from 'react';
import { confirmDanger, showActionError } from '@/ui/toast';

type Ask = Parameters<typeof confirmDanger>[0];

/**
 * What a worker's button does that cannot be undone (注销账号, 撤回同意): it asks first (red confirm
 * button; the other one says 再想想 unless `ask` says otherwise), is busy while `action` runs (another
 * tap does nothing), and says why it failed under `failTitle`. Returns [busy, run].
 */
export function useDangerAction(ask: Ask, failTitle: string, action: () => Promise<void>): readonly [boolean, () => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    if (busy || !(await confirmDanger({ cancelText: '再想想', ...ask }))) return;
    setBusy(true);
    try {
      await action();
    } catch (e) {
      await showActionError(e, failTitle);
    } finally {
      setBusy(false);
    }
  };
  return [busy, run] as const;
}
