import { useState } from 'react';
import { View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { MySanction } from '@kcq/shared';
import { useConfirm } from './Confirm';
import { FieldRow, TextBox } from './Field';
import { toast } from './nav';
import { api } from '../services/api';
import { errorLine } from '../services/errors';
import { banRefusalLines, confirmAppeal, sanctionBanner } from '../logic/supervision';

/**
 * 第十七条: what a founder or an open unit's staff sees while a misconduct decision binds them — the
 * reason, the ban's last day and the day it is lifted (as /api/me gives them), what they can still do,
 * and the one appeal (申诉, POST /api/supervision/cases/:id/appeal).
 */
function SanctionCard({ s, onChanged }: { s: MySanction; onChanged: () => void }) {
  const b = sanctionBanner(s);
  const [writing, setWriting] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmDialog, ask] = useConfirm();

  async function appeal() {
    if (!reason.trim()) {
      setError('请写明申诉理由和可以证明的事实');
      return;
    }
    setError('');
    if (!(await ask(confirmAppeal()))) return;
    setBusy(true);
    try {
      await api.appealCase(s.caseId, reason.trim());
      toast('已提交申诉', 'success');
      setWriting(false);
      onChanged();
    } catch (e) {
      setError(errorLine(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='card sanction' id={`sanction-${s.caseId}`} data-case-id={s.caseId} data-ban-until={s.ban?.until ?? ''}>
      <View className='sanction__title'>{b.title}</View>
      {b.lines.map((l) => (
        <View key={l} className='sanction__line'>
          {l}
        </View>
      ))}
      <View className='sanction__still'>
        <View className='sanction__still-title'>您仍然可以 / 需要注意</View>
        {b.still.map((l) => (
          <View key={l} className='sanction__still-line'>
            · {l}
          </View>
        ))}
      </View>
      <View className='sanction__appeal'>{b.appealLine}</View>
      {b.canAppeal && !writing && (
        <View className='sanction__actions'>
          <Button block fill='outline' className='sanction-appeal' onClick={() => setWriting(true)}>
            对处理决定申诉
          </Button>
        </View>
      )}
      {b.canAppeal && writing && (
        <>
          <FieldRow label='申诉理由' required stacked messages={error ? [error] : []}>
            <TextBox
              id={`appeal-reason-${s.caseId}`}
              value={reason}
              placeholder='说明不同意的理由和可以证明的事实'
              maxlength={2000}
              onChange={(v) => {
                setReason(v);
                setError('');
              }}
            />
          </FieldRow>
          <View className='sanction__actions'>
            <Button type='primary' block className='sanction-appeal-submit' loading={busy} onClick={() => void appeal()}>
              提交申诉
            </Button>
            <Button block fill='outline' onClick={() => setWriting(false)}>
              暂不申诉
            </Button>
          </View>
        </>
      )}
      {confirmDialog}
    </View>
  );
}

/** Every binding decision on /api/me, or nothing. */
export default function SanctionBanner({ sanctions, onChanged }: { sanctions: MySanction[] | undefined; onChanged: () => void }) {
  if (!sanctions?.length) return null;
  return (
    <View id='sanctions'>
      {sanctions.map((s) => (
        <SanctionCard key={s.caseId} s={s} onChanged={onChanged} />
      ))}
    </View>
  );
}

/** The claim sheet's APPLICANT_BANNED refusal: the ban's last day and the day claiming is possible again. */
export function BanRefusal({ details }: { details: Record<string, unknown> }) {
  const lines = banRefusalLines(details);
  if (!lines.length) return null;
  return (
    <View className='claim-ban' id='claim-ban' data-until={String(details.until ?? '')}>
      {lines.map((l, i) => (
        <View key={l} className={`claim-ban__line ${i < 2 ? 'claim-ban__line--date' : ''}`}>
          {l}
        </View>
      ))}
    </View>
  );
}
