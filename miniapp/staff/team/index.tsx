import { useState } from 'react';
import Taro, { useRouter, useShareAppMessage, usePullDownRefresh } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import RoleGate from '../../components/RoleGate';
import EmptyState from '../../components/EmptyState';
import PrivacyPopup from '../../components/PrivacyPopup';
import { isPrivacyRefusal, PRIVACY_DECLINED } from '../../services/privacy';
import { useConfirm } from '../../components/Confirm';
import { YesNo } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, toast, withQuery } from '../../components/nav';
import { errorLine } from '../../services/errors';
import { team, type IssuedInvite, type UnitSummary } from '../../services/team';
import type { MeView } from '../../services/types';
import { isAdmin } from '../../logic/admin';
import { formatBeijing } from '../../logic/clock';
import { unbindStaff } from '../../logic/confirmations';
import { formatInviteCode, inviteMessage, inviteValidity, staffLabel } from '../../logic/team';
import '../components/staff.scss';

const admitStaffOrAdmin = (me: MeView): me is MeView => !!me.openUnit || isAdmin(me);

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

/** The code just issued: large, with its validity, copy and share. */
function InviteCard({ invite, unitName }: { invite: IssuedInvite; unitName: string }) {
  const message = inviteMessage(unitName, invite.code, invite.expiresAt, invite.manager);
  const h5Share = process.env.TARO_ENV === 'h5' && typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  return (
    <View className='card invite-card' id='invite-card' data-code={invite.code}>
      {process.env.TARO_ENV === 'weapp' && <PrivacyPopup />}
      <View className='invite-card__label'>邀请码{invite.manager ? '（加入后为本单位管理员）' : ''}</View>
      <Text className='invite-card__code' id='invite-code-value' userSelect>
        {formatInviteCode(invite.code)}
      </Text>
      <View className='invite-card__expiry' id='invite-expiry'>
        {inviteValidity(invite.expiresAt)}
      </View>
      <View className='muted invite-card__tip'>请把邀请码发给同事本人。同事在科创券“我的 → 加入开放单位”中输入即可。离开本页后邀请码不再显示。</View>
      <View className='actions'>
        <Button type='primary' id='copy-invite' onClick={() => copy(message, '邀请码已复制')}>
          复制邀请码
        </Button>
        {process.env.TARO_ENV === 'weapp' ? (
          <Button id='share-invite' openType='share'>
            发给同事
          </Button>
        ) : (
          <Button
            id='share-invite'
            onClick={() => {
              if (h5Share) void navigator.share({ title: `加入${unitName}`, text: message }).catch(() => undefined);
              else copy(message, '邀请信息已复制，可粘贴发给同事');
            }}
          >
            发给同事
          </Button>
        )}
      </View>
    </View>
  );
}

function Team({ me, unitId, unitName }: { me: MeView; unitId: string; unitName: string }) {
  const canManage = isAdmin(me) || (me.openUnit?.id === unitId && me.openUnit.manager);
  const { state, reload } = useRemote(() => team.staff(unitId), unitId);
  const [asManager, setAsManager] = useState(false);
  const [invite, setInvite] = useState<IssuedInvite | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDialog, ask] = useConfirm();

  usePullDownRefresh(() => {
    reload();
    Taro.stopPullDownRefresh();
  });
  useShareAppMessage(() =>
    invite
      ? { title: `邀请您加入「${unitName}」`, path: withQuery(PAGES.join, { code: invite.code }) }
      : { title: '科创券', path: PAGES.home },
  );

  async function issue() {
    setBusy(true);
    try {
      setInvite(await team.issueInvite(unitId, asManager));
    } catch (e) {
      toast(errorLine(e));
    } finally {
      setBusy(false);
    }
  }

  async function remove(userId: string, name: string) {
    if (!(await ask(unbindStaff(name, unitName)))) return;
    try {
      await team.unbind(unitId, userId);
      toast('已解除绑定', 'success');
      reload();
    } catch (e) {
      toast(errorLine(e));
    }
  }

  return (
    <View className='page' id='unit-team' data-unit-id={unitId}>
      <View className='card desk__head'>
        <View className='desk__sub'>本单位工作人员</View>
        <View className='desk__title'>{unitName}</View>
      </View>

      {canManage ? (
        <View className='form-card' id='invite-form'>
          <View className='form-card__title'>邀请同事加入</View>
          <View className='field'>
            <View className='field__main'>
              <Text className='field__label'>设为本单位管理员</Text>
              <View className='field__control'>
                <YesNo id='invite-manager' value={asManager} onChange={setAsManager} />
              </View>
            </View>
            <View className='field__hint'>管理员可以邀请同事、解除同事的绑定</View>
          </View>
          <Button type='primary' block id='issue-invite' loading={busy} onClick={() => void issue()}>
            {invite ? '再生成一个邀请码' : '生成邀请码'}
          </Button>
        </View>
      ) : (
        <View className='card hint'>如需邀请同事，请联系本单位管理员。</View>
      )}
      {invite && <InviteCard invite={invite} unitName={unitName} />}

      <View className='section-title'>
        <Text>人员名单</Text>
        {state.kind === 'ready' && <Text className='muted'>共 {state.data.items.length} 人</Text>}
      </View>
      <Loaded state={state} reload={reload} rows={3} errorTitle='加载失败'>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState size='small' title='还没有工作人员' description='生成邀请码发给同事，同事加入后会出现在这里' />
          ) : (
            <View className='card staff-list' id='staff-list' data-count={items.length}>
              {items.map((m) => {
                const label = staffLabel(m, me.user.id);
                return (
                  <View key={m.userId} className='staff-row' data-user-id={m.userId}>
                    <View className='staff-row__who'>
                      <View className='staff-row__name'>
                        {label}
                        {m.manager && (
                          <Tag type='primary' className='staff-row__tag'>
                            管理员
                          </Tag>
                        )}
                      </View>
                      <Text className='muted'>{formatBeijing(m.boundAt).slice(0, 10)} 加入</Text>
                    </View>
                    {canManage && m.userId !== me.user.id && (
                      <Button size='small' type='danger' fill='outline' className='staff-row__unbind' onClick={() => void remove(m.userId, m.name ?? '该工作人员')}>
                        解除绑定
                      </Button>
                    )}
                  </View>
                );
              })}
            </View>
          )
        }
      </Loaded>
      {confirmDialog}
    </View>
  );
}

/** Administrators without a unit in the link: pick the unit to invite staff to. */
function PickUnit() {
  const { state, reload } = useRemote(() => team.units(), 'units');
  const [filter, setFilter] = useState('');
  return (
    <View className='page' id='pick-unit'>
      <View className='card hint'>选择开放单位，为其发放工作人员邀请码或管理人员名单。</View>
      <View className='card search-box'>
        <Input id='unit-filter' className='search-box__input' value={filter} placeholder='输入单位名称筛选' onInput={(e) => setFilter(e.detail.value)} />
      </View>
      <Loaded state={state} reload={reload} rows={4} errorTitle='加载失败'>
        {({ items }) => {
          const shown = items.filter((u: UnitSummary) => !filter.trim() || u.name.includes(filter.trim()));
          return shown.length === 0 ? (
            <EmptyState size='small' title='没有符合的开放单位' description='换个名称试试' />
          ) : (
            <View className='card staff-list' id='unit-pick-list'>
              {shown.map((u) => (
                <View
                  key={u.id}
                  className='staff-row staff-row--link'
                  data-unit-id={u.id}
                  onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.staffTeam, { unit: u.id, name: u.name }) })}
                >
                  <Text className='staff-row__name'>{u.name}</Text>
                  <Text className='text-link'>工作人员 ›</Text>
                </View>
              ))}
            </View>
          );
        }}
      </Loaded>
    </View>
  );
}

/**
 * 本单位工作人员: the unit's staff with 解除绑定, and invite codes (copy, share, validity) — for the
 * unit's managers and for administrators (`?unit=&name=`; without them an administrator picks a unit).
 * Plain staff see the list.
 */
export default function UnitTeam() {
  const params = useRouter().params;
  return (
    <RoleGate
      id='team-gate'
      admit={admitStaffOrAdmin}
      signedOut='开放单位工作人员登录后查看本单位人员'
      forbiddenTitle='尚未加入开放单位'
      forbidden={() => '请向本单位管理员索取邀请码，在“我的 → 加入开放单位”中输入后即可查看。'}
    >
      {(me) => {
        const unitId = params.unit ?? me.openUnit?.id ?? '';
        const unitName = params.name ? decodeURIComponent(params.name) : me.openUnit?.id === unitId ? me.openUnit.name : '';
        if (!unitId) return <PickUnit />;
        return <Team me={me} unitId={unitId} unitName={unitName || '开放单位'} />;
      }}
    </RoleGate>
  );
}
