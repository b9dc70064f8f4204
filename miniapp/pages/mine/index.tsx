import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import { PRIORITY_FIELD_OPTIONS, PROJECT_STAGE_LABELS, formatFen } from '@kcq/shared';
import EligibilityPanel from '../../components/EligibilityPanel';
import { PAGES, goApplicant, goLogin, toast } from '../../components/nav';
import { isAdmin } from '../../logic/admin';
import { badgeText } from '../../logic/contracts';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded, { PageCard } from '../../components/Loaded';
import { api } from '../../services/api';
import type { MeView } from '../../services/types';
import './index.scss';

const ROLE_LABELS: Record<string, string> = { applicant: '申领单位', staff: '开放单位工作人员', admin: '管理员' };

/** What the person is called here: their enterprise or team, the name they gave their unit, else 微信用户. */
function displayName(me: MeView): string {
  return me.applicant?.profile.name ?? me.user.name ?? '微信用户';
}

/** 「开放单位工作人员 · 清华大学分析中心」, 「尚未登记申领主体」 for someone with no role yet. */
function roleLine(me: MeView): string {
  const roles = me.roles.map((r) => (r === 'staff' && me.openUnit?.manager ? '开放单位管理员' : ROLE_LABELS[r] ?? r));
  const parts = [roles.join('、') || '尚未登记申领主体'];
  if (me.openUnit) parts.push(me.openUnit.name);
  return parts.join(' · ');
}

type State = { kind: 'signed_out' } | Remote<{ me: MeView; unread: number }>;

/** The 我的 tab's badge: the unread messages (nothing at 0). */
function tabBadge(unread: number) {
  const text = badgeText(unread);
  const run = text ? Taro.setTabBarBadge({ index: 3, text }) : Taro.removeTabBarBadge({ index: 3 });
  void Promise.resolve(run).catch(() => undefined);
}

export default function Mine() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  function load() {
    if (!api.signedIn()) {
      setState({ kind: 'signed_out' });
      return;
    }
    void Promise.all([api.me(), api.unreadCount().catch(() => ({ unread: 0 }))])
      .then(([me, { unread }]) => {
        setState({ kind: 'ready', data: { me, unread } });
        tabBadge(unread);
      })
      .catch((error: unknown) => setState(api.signedIn() ? { kind: 'error', error } : { kind: 'signed_out' }));
  }
  useDidShow(load);

  async function signOut() {
    const { confirm } = await Taro.showModal({ title: '退出登录', content: '退出后需重新登录才能领取和查看创新券。' });
    if (!confirm) return;
    await api.signOut();
    toast('已退出登录');
    setState({ kind: 'signed_out' });
    void Taro.switchTab({ url: PAGES.home });
  }

  if (state.kind === 'signed_out') {
    return <PageCard icon='user' title='尚未登录' description='登录后可登记企业或创业团队、核验资格并领取创新券' action={{ text: '去登录', onClick: () => void goLogin() }} />;
  }
  return (
    <Loaded state={state} reload={load} page rows={[2, 4]} errorTitle='加载失败'>
      {({ me, unread }) => <Profile me={me} unread={unread} onSignOut={() => void signOut()} />}
    </Loaded>
  );
}

function Profile({ me, unread, onSignOut }: { me: MeView; unread: number; onSignOut: () => void }) {
  const a = me.applicant;
  const profile = a?.profile;
  return (
    <View className='page mine'>
      <View className='mine__head card'>
        <View className='mine__avatar'>{displayName(me).slice(0, 1)}</View>
        <View className='mine__who'>
          <View className='mine__name' id='mine-name'>
            {displayName(me)}
          </View>
          <View className='muted' id='mine-roles'>
            {roleLine(me)}
          </View>
        </View>
      </View>

      <Cell.Group title='合作与消息' className='mine__work'>
        <View id='messages-entry'>
          <Cell
            title='消息中心'
            description='期限提醒、状态变化'
            clickable
            onClick={() => void Taro.navigateTo({ url: PAGES.messages })}
            extra={
              <Text className='mine__link'>
                {unread > 0 && (
                  <Text className='mine__badge' id='unread-badge'>
                    {badgeText(unread)}
                  </Text>
                )}
                查看 ›
              </Text>
            }
          />
        </View>
        {a && (
          <View id='my-contracts-entry'>
            <Cell
              title='我的合同'
              description='合作申请、合同登记与兑现进度'
              clickable
              onClick={() => void Taro.navigateTo({ url: PAGES.myContracts })}
              extra={<Text className='mine__link'>查看 ›</Text>}
            />
          </View>
        )}
      </Cell.Group>

      {me.openUnit && (
        <Cell.Group title={`开放单位：${me.openUnit.name}`} className='mine__staff'>
          <View id='staff-entry'>
            <Cell
              title='待确认的合作申请'
              description='确认并登记合同，或说明原因拒绝'
              clickable
              onClick={() => void Taro.navigateTo({ url: PAGES.staffContracts })}
              extra={<Text className='mine__link'>处理 ›</Text>}
            />
          </View>
          <View id='staff-team-entry'>
            <Cell
              title='本单位工作人员'
              description={me.openUnit.manager ? '邀请同事加入，解除绑定' : '本单位已加入的同事'}
              clickable
              onClick={() => void Taro.navigateTo({ url: PAGES.staffTeam })}
              extra={<Text className='mine__link'>{me.openUnit.manager ? '管理 ›' : '查看 ›'}</Text>}
            />
          </View>
          <Cell
            title='本单位合同与兑现'
            description='变更合同条款、申请兑现'
            clickable
            onClick={() => void Taro.navigateTo({ url: `${PAGES.staffContracts}?tab=all` })}
            extra={<Text className='mine__link'>查看 ›</Text>}
          />
          <View id='staff-services-entry'>
            <Cell
              title='本单位服务'
              description='价格、周期，上架与下架'
              clickable
              onClick={() => void Taro.navigateTo({ url: PAGES.staffServices })}
              extra={<Text className='mine__link'>管理 ›</Text>}
            />
          </View>
        </Cell.Group>
      )}

      {isAdmin(me) && (
        <Cell.Group title='管理（管理员）' className='mine__admin'>
          <View id='admin-entry'>
            <Cell
              title='发放周期管理'
              description='新建、提前结束、实时额度消耗'
              clickable
              onClick={() => void Taro.navigateTo({ url: PAGES.adminPeriods })}
              extra={<Text className='mine__link'>进入 ›</Text>}
            />
          </View>
          <View id='admin-review-entry'>
            <Cell title='兑现审核' description='评审、现场核查、登记拨付' clickable onClick={() => void Taro.navigateTo({ url: PAGES.adminRedemptions })} extra={<Text className='mine__link'>进入 ›</Text>} />
          </View>
          <View id='admin-rounds-entry'>
            <Cell title='评审批次与拨付' description='组织专家评审、公示与异议、拨付批次' clickable onClick={() => void Taro.navigateTo({ url: PAGES.reviewRounds })} extra={<Text className='mine__link'>进入 ›</Text>} />
          </View>
          <View id='admin-team-entry'>
            <Cell title='开放单位工作人员' description='为开放单位发放邀请码、管理人员' clickable onClick={() => void Taro.navigateTo({ url: PAGES.staffTeam })} extra={<Text className='mine__link'>进入 ›</Text>} />
          </View>
          <Cell title='数据看板' clickable onClick={() => void Taro.navigateTo({ url: PAGES.adminDashboard })} extra={<Text className='mine__link'>查看 ›</Text>} />
        </Cell.Group>
      )}

      {a && profile ? (
        <>
          <EligibilityPanel
            eligible={a.eligibility.eligible}
            failures={a.eligibility.failures}
            warnings={a.eligibility.warnings}
            annualCapFen={a.eligibility.annualCapFen}
            source='第七条 资格核验'
          />
          <Cell.Group title='申领主体'>
            <Cell title='类型' extra={a.kind === 'enterprise' ? '科技型中小微企业' : '创业团队'} />
            {profile.kind === 'enterprise' ? (
              <>
                <Cell title='统一社会信用代码' extra={profile.creditCode} />
                <Cell title='注册成立日期' extra={profile.registeredOn} />
                <Cell
                  title='主营业务领域'
                  extra={PRIORITY_FIELD_OPTIONS.find((o) => o.code === profile.priorityField)?.label ?? profile.priorityField}
                />
              </>
            ) : (
              <>
                <Cell title='项目' extra={profile.projectName} />
                <Cell title='项目阶段' extra={PROJECT_STAGE_LABELS[profile.projectStage]} />
                <Cell title='团队人数（含负责人）' extra={`${profile.members.length + 1} 人`} />
              </>
            )}
            <Cell title='年度领取上限' extra={formatFen(a.eligibility.annualCapFen)} />
            <Cell title='编辑申领信息' clickable onClick={() => void goApplicant()} extra={<Text className='mine__link'>修改 ›</Text>} />
          </Cell.Group>
        </>
      ) : (
        <EmptyState size='small' title='还没有登记申领主体' description='登记企业或创业团队信息，系统按第七条实时核验资格' action={{ text: '去登记', onClick: () => void goApplicant() }} />
      )}

      {!me.openUnit && (
        <Cell.Group title='开放单位' className='mine__join'>
          <View id='join-entry'>
            <Cell
              title='加入开放单位'
              description='实验室工作人员：输入本单位管理员给的邀请码'
              clickable
              onClick={() => void Taro.navigateTo({ url: PAGES.join })}
              extra={<Text className='mine__link'>输入邀请码 ›</Text>}
            />
          </View>
          {/* 第六条: an organisation applies to join; its progress (sub-package units). */}
          <View id='unit-apply-entry'>
            <Cell
              title='申请成为开放单位'
              description='高校、院所、企业：提交入库申请，查看审核与公示进度'
              clickable
              onClick={() => void Taro.navigateTo({ url: PAGES.unitApplications })}
              extra={<Text className='mine__link'>申请 ›</Text>}
            />
          </View>
        </Cell.Group>
      )}

      {!me.roles.includes('expert') && (
        <Cell.Group title='评审专家' className='mine__join'>
          <View id='expert-join-entry'>
            <Cell
              title='加入评审专家库'
              description='输入管理部门给您的专家邀请码'
              clickable
              onClick={() => void Taro.navigateTo({ url: PAGES.expertJoin })}
              extra={<Text className='mine__link'>输入邀请码 ›</Text>}
            />
          </View>
        </Cell.Group>
      )}

      <View className='mine__signout'>
        <Button block fill='outline' id='sign-out' onClick={onSignOut}>
          退出登录
        </Button>
      </View>
    </View>
  );
}
