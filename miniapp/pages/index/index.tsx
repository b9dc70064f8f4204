import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh, useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Empty, NoticeBar, Skeleton } from '@nutui/nutui-react-taro';
import { ERROR_MESSAGES, formatFen } from '@kcq/shared';
import PeriodCard from '../../components/PeriodCard';
import ClaimSheet from '../../components/ClaimSheet';
import SanctionBanner from '../../components/SanctionBanner';
import { explainedBySanctions } from '../../logic/supervision';
import { useInterval, useServerNow } from '../../components/hooks';
import { PAGES, goApplicant, goLogin, goTab, toast } from '../../components/nav';
import EmptyState from '../../components/EmptyState';
import { API_BASE, api } from '../../services/api';
import { errorLine, type NextAction } from '../../services/errors';
import type { MeView, PeriodView, VoucherView } from '../../services/types';
import { clockOffset } from '../../logic/clock';
import { homePeriods } from '../../logic/periods';
import { allowanceFen } from '../../logic/claim';
import { HOME_SHARE, periodShare, periodTimeline } from '../../logic/share';

import { tabRoleOf } from '../../logic/roleTab';
import './index.scss';

/** How often an open period's remaining quota is re-read (GET /api/periods/:id is cheap). */
const POLL_MS = 3000;

interface ReadyzBody {
  ok: boolean;
  store?: string;
  inventory?: string;
}

type ServiceStatus = { state: 'loading' } | { state: 'ok'; text: string } | { state: 'down'; text: string };

async function fetchServiceStatus(): Promise<ServiceStatus> {
  const down: ServiceStatus = { state: 'down', text: ERROR_MESSAGES.SERVICE_UNAVAILABLE };
  try {
    const res = await Taro.request<ReadyzBody>({ url: `${API_BASE}/readyz`, method: 'GET', timeout: 5000 });
    const body = res.data;
    if (res.statusCode !== 200 || !body || body.ok !== true) return down;
    return { state: 'ok', text: '服务正常' };
  } catch {
    return down;
  }
}

interface HomeData {
  periods: PeriodView[];
  offsetMs: number;
  me: MeView | null;
  vouchers: VoucherView[];
}

export default function Index() {
  const [data, setData] = useState<HomeData | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [status, setStatus] = useState<ServiceStatus>({ state: 'loading' });
  const [sheetPeriod, setSheetPeriod] = useState<PeriodView | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const now = useServerNow(data?.offsetMs ?? 0);

  const load = useCallback(async () => {
    try {
      const sentAt = Date.now();
      const periods = await api.periods();
      const offsetMs = clockOffset(periods.serverTime, Math.round((sentAt + Date.now()) / 2));
      let me: MeView | null = null;
      let vouchers: VoucherView[] = [];
      if (api.signedIn()) {
        try {
          me = await api.me();
          if (me.applicant) vouchers = (await api.vouchers()).vouchers;
        } catch {
          me = null; // signed out meanwhile: home still shows the periods
        }
      }
      setData({ periods: periods.periods, offsetMs, me, vouchers });
      setLoadError(null);
    } catch (e) {
      setLoadError(errorLine(e));
    }
  }, []);

  useEffect(() => {
    let active = true;
    void fetchServiceStatus().then((next) => {
      if (active) setStatus(next);
    });
    return () => {
      active = false;
    };
  }, []);

  useDidShow(() => {
    void load();
  });

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const { current, next } = data ? homePeriods(data.periods, now) : { current: [], next: null };
  const openIds = current.filter((p) => p.status === 'open').map((p) => p.id);
  // Shared to a chat or Moments: the open period (the one a shared link names first), the path with its id.
  const sharedPeriod = current.find((p) => p.status === 'open' && p.id === Taro.getCurrentInstance().router?.params.period) ?? current.find((p) => p.status === 'open');
  useShareAppMessage(() => (sharedPeriod ? periodShare(sharedPeriod) : HOME_SHARE));
  useShareTimeline(() => (sharedPeriod ? periodTimeline(sharedPeriod) : { title: HOME_SHARE.title, query: '', imageUrl: HOME_SHARE.imageUrl }));

  // Live remaining quota while a period is open.
  useInterval(
    () => {
      for (const id of openIds) {
        const sentAt = Date.now();
        void api
          .period(id)
          .then((r) => {
            const offsetMs = clockOffset(r.serverTime, Math.round((sentAt + Date.now()) / 2));
            setData((d) => (d ? { ...d, offsetMs, periods: d.periods.map((p) => (p.id === r.period.id ? r.period : p)) } : d));
          })
          .catch(() => undefined);
      }
    },
    POLL_MS,
    openIds.length > 0,
  );

  const me = data?.me ?? null;
  const applicant = me?.applicant ?? null;
  const cap = applicant?.eligibility.annualCapFen ?? 0;
  const allowance = applicant ? allowanceFen(cap, data?.vouchers ?? [], new Date(now)) : 0;
  const claimedPeriods = new Set(
    (data?.vouchers ?? []).filter((v) => v.status !== 'void').map((v) => v.periodId),
  );

  function claim(p: PeriodView) {
    if (!api.signedIn() || !me) {
      void goLogin();
      return;
    }
    if (!applicant) {
      toast('请先登记企业或创业团队信息');
      void goApplicant();
      return;
    }
    if (!applicant.eligibility.eligible) {
      toast('暂不符合申领条件，请查看原因');
      void goApplicant();
      return;
    }
    setSheetPeriod(p);
    setSheetOpen(true);
  }

  function showNext() {
    setSheetOpen(false);
    if (next) void Taro.pageScrollTo({ selector: '#next-period', duration: 300 });
  }

  function onAction(action: NextAction) {
    setSheetOpen(false);
    if (action === 'my_vouchers') void goTab(PAGES.desk);
    else if (action === 'edit_profile') void goApplicant();
    else if (action === 'sign_in') void goLogin();
    else if (action === 'next_period') showNext();
    else void load();
  }

  // Staff and administrators see the periods, not 领取 or 去登记 (logic/roleTab.ts).
  const role = tabRoleOf(me ?? null);
  return (
    <View className='page home'>
      <View className='home__hero'>
        <View className='home__brand'>
          <Text className='home__title'>首都科技创新券</Text>
          <Text className='home__subtitle'>企业与创业团队 · 在线领券</Text>
        </View>
        {me ? (
          <View className='home__who' onClick={() => void goTab(PAGES.mine)}>
            {applicant ? (applicant.profile.name as string) : (me.openUnit?.name ?? (role === 'admin' ? '管理部门' : '未登记申领主体'))}
          </View>
        ) : (
          <View className='home__who' id='home-login' onClick={() => void goLogin()}>
            登录
          </View>
        )}
      </View>

      {data && me && role !== 'applicant' && (
        <View className='card home__desk-link' id='home-desk-link' onClick={() => void goTab(PAGES.desk)}>
          <Text>{role === 'staff' ? '开放单位工作台：待确认的合作与兑现' : role === 'expert' ? '评审任务：待您评审的兑现申请' : '管理：发放周期与兑现审核'}</Text>
          <Text className='text-link'>进入 ›</Text>
        </View>
      )}
      <View className='card home__desk-link' id='home-notices-link' onClick={() => void Taro.navigateTo({ url: PAGES.notices })}>
        <Text>公示公告：创新券兑现项目公示</Text>
        <Text className='text-link'>查看 ›</Text>
      </View>
      {/* 第十八条: the scheme's figures, open to everyone (signed out too). */}
      <View className='card home__desk-link' id='home-figures-link' onClick={() => void Taro.navigateTo({ url: PAGES.figures })}>
        <Text>公开数据：额度、领取与兑现情况</Text>
        <Text className='text-link'>查看 ›</Text>
      </View>
      {/* 第十七条: a decision that binds my applicant or unit, with its dates and the one appeal. */}
      {data && me && <SanctionBanner sanctions={me.sanctions} onChanged={() => void load()} />}
      {data && me && !applicant && role === 'applicant' && (
        <NoticeBar
          className='home__notice'
          content='登记企业或创业团队信息、通过资格核验后即可领取创新券'
          rightIcon={<Text onClick={() => void goApplicant()}>去登记 ›</Text>}
        />
      )}
      {/* A failure the sanction banner above already explains (第十七条) is not repeated here. */}
      {data && applicant && !applicant.eligibility.eligible && !explainedBySanctions(applicant.eligibility.failures, me?.sanctions) && (
        <NoticeBar
          className='home__notice'
          content={`暂不符合申领条件：${applicant.eligibility.failures.map((f) => f.clause).join('、')}`}
          rightIcon={<Text onClick={() => void goApplicant()}>查看 ›</Text>}
        />
      )}
      {data && applicant?.eligibility.eligible && (
        <View className='home__allowance' id='home-allowance'>
          <Text>本年度剩余可领</Text>
          <Text className='home__allowance-value'>{formatFen(allowance)}</Text>
        </View>
      )}

      {!data && !loadError && (
        <View>
          {[0, 1].map((i) => (
            <View key={i} className='skeleton-card'>
              <Skeleton rows={4} animated />
            </View>
          ))}
        </View>
      )}

      {loadError && !data && (
        <EmptyState status='network' title='加载失败' description={loadError} action={{ text: '重新加载', onClick: () => void load() }} />
      )}

      {data && (
        <>
          <View className='section-title'>
            <Text>正在发放</Text>
          </View>
          {current.length === 0 && (
            <View className='card'>
              <Empty
                title='暂无正在发放的创新券'
                description={next ? `下一期将于下方时间开放，届时回到首页点击“领取”` : '新的发放周期公布后会显示在这里，下拉可刷新'}
                size='small'
              />
            </View>
          )}
          {current.map((p) => (
            <PeriodCard
              key={p.id}
              period={p}
              nowMs={now}
              onClaim={role === 'applicant' ? claim : undefined}
              nextPeriod={next}
              onShowNext={showNext}
              claimedHere={claimedPeriods.has(p.id)}
            />
          ))}

          <View className='section-title'>
            <Text>下一期</Text>
          </View>
          {next ? (
            <View id='next-period'>
              <PeriodCard period={next} nowMs={now} />
            </View>
          ) : (
            <View className='card'>
              <Empty title='下一期尚未公布' description='管理部门发布后会在这里倒计时' size='small' />
            </View>
          )}
        </>
      )}

      <View className='home__status'>
        <View id='service-status' data-state={status.state} className={`home__status-value home__status-value--${status.state}`}>
          {status.state === 'loading' ? '' : status.text}
        </View>
      </View>

      {data && !me && (
        <View className='home__signin'>
          <Button type='primary' block onClick={() => void goLogin()}>
            登录后领取创新券
          </Button>
        </View>
      )}

      <ClaimSheet
        visible={sheetOpen}
        period={sheetPeriod ? (data?.periods.find((p) => p.id === sheetPeriod.id) ?? sheetPeriod) : null}
        allowanceFen={allowance}
        annualCapFen={cap}
        nextPeriod={next}
        nowMs={now}
        onClose={() => {
          setSheetOpen(false);
          void load();
        }}
        onClaimed={() => void load()}
        onRefused={() => void load()}
        onAction={onAction}
      />
    </View>
  );
}
