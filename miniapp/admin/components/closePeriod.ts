import { formatFen } from '@kcq/shared';
import { toast } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import type { PeriodView } from '../../services/types';
import { confirm } from './AdminGate';

/** 提前结束 with a confirmation: claims stop at once and cannot be reopened. Resolves the closed period or null. */
export async function closeWithConfirm(p: PeriodView): Promise<PeriodView | null> {
  const ok = await confirm(
    '提前结束本期？',
    `「${p.name}」结束后立即停止领取，且不能重新开放。剩余额度 ${formatFen(p.remainingFen)} 不再发放。`,
    '提前结束',
    true,
  );
  if (!ok) return null;
  try {
    const closed = await api.closePeriod(p.id);
    toast('已结束', 'success');
    return closed;
  } catch (e) {
    toast(errorLine(e));
    return null;
  }
}
