import { useEffect, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import AdminGate from '../../admin/components/AdminGate';
import EmptyState from '../../components/EmptyState';
import PrivacyPopup from '../../components/PrivacyPopup';
import { isPrivacyRefusal, PRIVACY_DECLINED } from '../../services/privacy';
import { Choice, FieldRow, TextInput, YesNo } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, toast, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { ExpertView } from '../../services/reviewTypes';
import {
  EXPERT_FIELD_OPTIONS,
  EXPERT_LIMITS,
  TIE_RELATION_OPTIONS,
  draftOf,
  expertInput,
  expertInviteMessage,
  expertProblems,
  expertStatus,
  newTie,
  toggleField,
  type ExpertDraft,
  type ExpertProblems,
  type TieDraft,
} from '../../logic/experts';
import { formatInviteCode, inviteValidity } from '../../logic/team';
import { refusal } from '../components/review';

interface Issued {
  code: string;
  expiresAt: string;
}

/** Copies text to the clipboard (WeChat's own toast says 内容已复制). */
function copy(text: string, done: string) {
  void Taro.setClipboardData({ data: text })
    .then(() => toast(done, 'success'))
    .catch((e: unknown) => {
      // Declined the privacy guide: say what still works (WeChat's popup answered; see PrivacyPopup).
      if (isPrivacyRefusal(e)) void Taro.showModal({ title: '未复制', content: PRIVACY_DECLINED.clipboard, showCancel: false, confirmText: '知道了' });
      else toast('复制失败，请长按邀请码手动复制');
    });
}

/** The code just issued: large, with its validity, copy and share (as staff/team). */
function InviteCard({ invite, name }: { invite: Issued; name: string }) {
  const message = expertInviteMessage(name, invite.code, invite.expiresAt);
  const h5Share = process.env.TARO_ENV === 'h5' && typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  return (
    <View className='card expert-invite' id='expert-invite-card' data-code={invite.code}>
      {process.env.TARO_ENV === 'weapp' && <PrivacyPopup />}
      <View className='expert-invite__label'>{name}专家的邀请码</View>
      <Text className='expert-invite__code' id='expert-invite-code' userSelect>
        {formatInviteCode(invite.code)}
      </Text>
      <View className='expert-invite__expiry' id='expert-invite-expiry'>
        {inviteValidity(invite.expiresAt)}
      </View>
      <View className='muted expert-invite__tip'>请将邀请码发给专家本人。专家在科创券“我的 → 加入评审专家库”中输入后，即与本专家信息绑定。离开本页后邀请码不再显示。</View>
      <View className='review-actions'>
        <Button type='primary' block id='copy-expert-invite' onClick={() => copy(message, '邀请码已复制')}>
          复制邀请码
        </Button>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button block id='share-expert-invite' openType='share'>
            发给专家
          </Button>
        ) : (
          <Button
            block
            id='share-expert-invite'
            onClick={() => {
              if (h5Share) void navigator.share({ title: '加入评审专家库', text: message }).catch(() => undefined);
              else copy(message, '邀请信息已复制，可粘贴发给专家');
            }}
          >
            发给专家
          </Button>
        )}
      </View>
    </View>
  );
}

function TieRow({ tie, index, problem, onChange, onRemove }: { tie: TieDraft; index: number; problem?: string; onChange: (t: TieDraft) => void; onRemove: () => void }) {
  return (
    <View className='member expert-tie' data-tie-index={index}>
      <View className='member__head'>
        <Text>关联单位 {index + 1}</Text>
        <Text className='text-link expert-tie__remove' id={`tie-remove-${index}`} onClick={onRemove}>
          删除
        </Text>
      </View>
      <FieldRow label='单位名称' required messages={problem ? [problem] : []}>
        <TextInput id={`tie-name-${index}`} value={tie.name} placeholder='如 北京某某科技有限公司' maxlength={EXPERT_LIMITS.tieName} onChange={(name) => onChange({ ...tie, name })} />
      </FieldRow>
      <FieldRow label='关联关系' plain stacked>
        <Choice id={`tie-relation-${index}`} value={tie.relation} options={TIE_RELATION_OPTIONS} onChange={(relation) => onChange({ ...tie, relation })} />
      </FieldRow>
    </View>
  );
}

function ExpertForm({ expert }: { expert: ExpertView | null }) {
  const [saved, setSaved] = useState<ExpertView | null>(expert);
  const [draft, setDraft] = useState<ExpertDraft>(() => draftOf(expert));
  const [problems, setProblems] = useState<ExpertProblems | null>(null);
  const [formError, setFormError] = useState('');
  const [busy, setBusy] = useState(false);
  const [invite, setInvite] = useState<Issued | null>(null);
  const [issuing, setIssuing] = useState(false);

  useShareAppMessage(() =>
    invite && saved
      ? { title: `邀请${saved.name}专家加入评审专家库`, path: withQuery(PAGES.expertJoin, { code: invite.code }) }
      : { title: '科创券', path: PAGES.home },
  );

  const set = (patch: Partial<ExpertDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setTie = (t: TieDraft) => setDraft((d) => ({ ...d, ties: d.ties.map((x) => (x.key === t.key ? t : x)) }));

  async function save() {
    const found = expertProblems(draft);
    setProblems(found);
    setFormError('');
    if (found) {
      setFormError('请按提示修改后再保存');
      return;
    }
    setBusy(true);
    try {
      if (saved) {
        const updated = await api.updateExpert(saved.id, { ...expertInput(draft), active: draft.active });
        setSaved(updated);
        toast('已保存', 'success');
      } else {
        // Stays here: the profile is shown with 生成邀请码 at the top.
        const created = await api.createExpert(expertInput(draft));
        setSaved(created);
        setDraft(draftOf(created));
        void Taro.setNavigationBarTitle({ title: '专家信息' }).catch(() => undefined);
        void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
        toast('已添加专家', 'success');
      }
    } catch (e) {
      setFormError(refusal(e));
    } finally {
      setBusy(false);
    }
  }

  async function issue() {
    if (!saved) return;
    setIssuing(true);
    try {
      setInvite(await api.issueExpertInvite(saved.id));
    } catch (e) {
      toast(refusal(e));
    } finally {
      setIssuing(false);
    }
  }

  const status = saved ? expertStatus(saved) : null;
  const tieProblems = problems?.ties ?? {};
  return (
    <View className='page' id='review-expert' data-expert-id={saved?.id ?? ''} data-bound={status ? String(status.bound) : ''}>
      {saved && status && (
        <View className='card expert-head'>
          <View className='expert-card__head'>
            <Text className='expert-card__name'>{saved.name}</Text>
            <View className='expert-card__tags'>
              <Text className={`review-tag ${status.bound ? 'review-tag--ok' : 'review-tag--warn'}`} id='expert-bound'>
                {status.boundLabel}
              </Text>
              <Text className={`review-tag ${saved.active ? '' : 'review-tag--bad'}`}>{status.activeLabel}</Text>
            </View>
          </View>
          <View className='review-row__sub'>
            {status.bound ? '已绑定专家本人的科创券账号，可分配评审任务。' : '尚未绑定专家本人的账号，绑定前不会分配评审任务。请生成邀请码发给专家。'}
          </View>
        </View>
      )}

      {saved && status && !status.bound && (
        <View className='form-card' id='expert-invite-form'>
          <View className='form-card__title'>邀请专家绑定</View>
          <View className='muted'>邀请码 7 天内有效，只能使用一次；重新生成后，之前未使用的邀请码仍可使用至到期。</View>
          <View className='review-actions'>
            <Button type='primary' block id='issue-expert-invite' loading={issuing} onClick={() => void issue()}>
              {invite ? '再生成一个邀请码' : '生成邀请码'}
            </Button>
          </View>
        </View>
      )}
      {saved && invite && <InviteCard invite={invite} name={saved.name} />}

      <View className='form-card' id='expert-form'>
        <View className='form-card__title'>专家信息</View>
        <FieldRow label='姓名' required messages={problems?.name ? [problems.name] : []}>
          <TextInput id='expert-name' value={draft.name} placeholder='专家姓名' maxlength={EXPERT_LIMITS.name} onChange={(name) => set({ name })} />
        </FieldRow>
        <FieldRow label='工作单位' required messages={problems?.organisation ? [problems.organisation] : []} hint='与开放单位或申领单位名称相同时自动回避'>
          <TextInput id='expert-org' value={draft.organisation} placeholder='如 北京某某大学' maxlength={EXPERT_LIMITS.organisation} onChange={(organisation) => set({ organisation })} />
        </FieldRow>
        <FieldRow label='专业领域（可多选）' required plain stacked messages={problems?.fields ? [problems.fields] : []} hint='评审时优先分配领域相符的专家'>
          <View className='expert-fields' id='expert-fields'>
            {EXPERT_FIELD_OPTIONS.map((o) => {
              const on = draft.fields.includes(o.code);
              return (
                <View key={o.code} className={`expert-field ${on ? 'expert-field--on' : ''}`} data-code={o.code} data-on={String(on)} onClick={() => set({ fields: toggleField(draft.fields, o.code) })}>
                  {on ? '✓ ' : ''}
                  {o.label}
                </View>
              );
            })}
          </View>
        </FieldRow>
        {saved && (
          <FieldRow label='在库状态' plain hint={draft.active ? '可分配新的评审任务' : '停用后不再分配新的评审任务，已分配的任务不受影响'}>
            <YesNo id='expert-active' value={draft.active} yes='在库' no='停用' onChange={(active) => set({ active })} />
          </FieldRow>
        )}
      </View>

      <View className='form-card' id='expert-ties' data-count={draft.ties.length}>
        <View className='form-card__title'>关联单位（回避）</View>
        <View className='muted expert-ties__intro'>填写专家兼职、合作、持股等有利害关系的单位。评审时，与开放单位或申领单位名称相同的，该专家自动回避。</View>
        {draft.ties.map((t, i) => (
          <TieRow key={t.key} tie={t} index={i} problem={tieProblems[t.key]} onChange={setTie} onRemove={() => set({ ties: draft.ties.filter((x) => x.key !== t.key) })} />
        ))}
        <View className='members-actions'>
          <Button block fill='outline' id='add-tie' disabled={draft.ties.length >= EXPERT_LIMITS.ties} onClick={() => set({ ties: [...draft.ties, newTie()] })}>
            添加关联单位
          </Button>
        </View>
      </View>

      {formError && (
        <View className='card hint hint--danger' id='expert-error'>
          {formError}
        </View>
      )}
      <View className='submit-bar'>
        <Button type='primary' block size='large' id='save-expert' loading={busy} onClick={() => void save()}>
          {saved ? '保存修改' : '添加专家'}
        </Button>
      </View>
    </View>
  );
}

function Loader({ id }: { id: string | null }) {
  const { state, reload } = useRemote(async () => (id ? ((await api.experts()).experts.find((e) => e.id === id) ?? null) : null), id ?? 'new');
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: id ? '专家信息' : '添加专家' }).catch(() => undefined);
  }, [id]);
  return (
    <Loaded state={state} reload={reload} page rows={[4, 3]} errorTitle='加载失败'>
      {(expert) =>
        id && !expert ? (
          <View className='page' id='review-expert' data-state='missing'>
            <EmptyState title='找不到该专家' description='该专家信息不存在，请返回专家库查看' action={{ text: '返回专家库', onClick: () => void Taro.redirectTo({ url: PAGES.reviewExperts }) }} />
          </View>
        ) : (
          <ExpertForm key={expert?.id ?? 'new'} expert={expert} />
        )
      }
    </Loaded>
  );
}

/** 专家库 → 添加专家 (no id) or one expert (`?id=`): profile, fields, ties (recusal), 在库/停用, and for an unbound expert 生成邀请码. */
export default function ReviewExpert() {
  const params = useRouter().params;
  return <AdminGate>{() => <Loader id={params.id || null} />}</AdminGate>;
}
