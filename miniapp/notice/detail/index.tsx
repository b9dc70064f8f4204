import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import { FieldRow, TextBox } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { goLogin, toast } from '../../components/nav';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import type { NoticeItem, NoticeView } from '../../services/reviewTypes';
import { noticeFootnote, noticeKindLabel, noticeLines } from '../../logic/evaluation';
import '../../admin/components/admin.scss';
import '../../components/form.scss';

const PHASE = { upcoming: '即将公示', open: '公示中', ended: '公示已结束' } as const;

const NEXT: Record<string, string> = {
  NOTICE_NOT_OPEN: '只能在公示期内提出异议。',
  NOTICE_ITEM_STATE: '该项目已有异议在核查中或已结束公示；如有新情况请联系管理部门。',
};

function Objection({ notice, item, onDone }: { notice: NoticeView; item: NoticeItem; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (notice.phase !== 'open' || item.status !== 'listed') return null;
  if (!api.signedIn()) {
    return (
      <Button block fill='outline' className='object-login' onClick={() => void goLogin()}>
        登录后提出异议
      </Button>
    );
  }
  if (!open) {
    return (
      <Button block fill='outline' className='object-open' onClick={() => setOpen(true)}>
        对此项目提出异议
      </Button>
    );
  }
  async function lodge() {
    if (!reason.trim()) {
      setError('请写明异议的事实和理由');
      return;
    }
    setBusy(true);
    try {
      await api.lodgeObjection(notice.id, item.id, reason.trim());
      toast('异议已提交', 'success');
      onDone();
    } catch (e) {
      const code = (e as { code?: string }).code ?? '';
      setError(`${errorLine(e)}${NEXT[code] ? `。${NEXT[code]}` : ''}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='objection-form'>
      <FieldRow label='异议理由' required stacked messages={error ? [error] : []} hint='管理部门会核查并公开处理结果；核查期间该项目暂停拨付'>
        <TextBox id={`objection-${item.id}`} value={reason} maxlength={2000} onChange={setReason} />
      </FieldRow>
      <Button type='primary' block className='object-submit' loading={busy} onClick={() => void lodge()}>
        提交异议
      </Button>
    </View>
  );
}

function Notice({ notice, reload }: { notice: NoticeView; reload: () => void }) {
  // The title bar names the kind: 创新券兑现公示, 开放单位入库公示, 绩效考核支持方案公示.
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: `${noticeKindLabel(notice.kind)}公示` }).catch(() => undefined);
  }, [notice.kind]);
  return (
    <View className='page' id='notice-detail' data-notice-id={notice.id} data-phase={notice.phase}>
      <View className='admin-hero'>
        <View className='admin-hero__title'>{notice.title}</View>
        <View className='admin-hero__sub'>
          公示期 {notice.startDay} 至 {notice.endDay}（{notice.workingDays} 个工作日）· {PHASE[notice.phase]}
        </View>
      </View>
      {notice.items.map((i) => {
        // What an item shows depends on the notice's kind: a redemption, a unit application (第六条), the evaluation's support plan (第十四条).
        const shown = noticeLines(notice.kind, i as unknown as Record<string, unknown>);
        return (
          <View key={i.id} className='card notice-item' data-item-id={i.id} data-status={i.status} data-kind={notice.kind}>
            <View className='detail-head__title'>{shown.title}</View>
            {shown.lines.map((l) => (
              <View key={l} className='muted'>
                {l}
              </View>
            ))}
            <View className='muted'>
              {shown.amountFen !== null && (
                <>
                  {shown.amountLabel} <Text className='notice-item__amount'>{formatFen(shown.amountFen)}</Text> ·{' '}
                </>
              )}
              <Text className='notice-item__status'>{i.statusLabel}</Text>
            </View>
            <Objection notice={notice} item={i} onDone={reload} />
          </View>
        );
      })}
      <View className='muted'>{noticeFootnote(notice.kind)}</View>
    </View>
  );
}

/** One public notice (第十五条5): unit, category, masked applicant, amount; objections by anyone signed in. */
export default function NoticeDetail() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useRemote(() => api.notice(id), id);
  return (
    <Loaded state={state} reload={reload} page>
      {(n) => <Notice notice={n} reload={reload} />}
    </Loaded>
  );
}
