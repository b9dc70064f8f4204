import { toast } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import type { PeriodView } from '../../services/types';
import { closePeriod, type Confirmation } from '../../logic/confirmations';

/**
 * 提前结束 after the confirmation (claims stop at once and cannot be reopened; the remaining quota is
 * named). `ask` is the page's useConfirm(). Resolves the closed period or null.
 */
export async function closeWithConfirm(p: PeriodView, ask: (c: Confirmation) => Promise<boolean>): Promise<PeriodView | null> {
  if (!(await ask(closePeriod(p)))) return null;
  try {
    const closed = await api.closePeriod(p.id);
    toast('已结束', 'success');
    return closed;
  } catch (e) {
    toast(errorLine(e));
    return null;
  }
}
