import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { REGION_LABELS, formatFen, type PublicGroupFigure, type PublicTransparency, type Region } from '@kcq/shared';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import { formatBeijing } from '../../logic/clock';
import { bars } from '../../logic/supervision';
import '../../admin/components/admin.scss';
import './figures.scss';

/** One group of vouchers as bars, drawn like the administrators' status chart (plain Views, no canvas). */
function Bars({ id, title, groups }: { id: string; title: string; groups: PublicGroupFigure[] }) {
  const rows = bars(groups);
  return (
    <View className='card status-chart' id={id} data-groups={rows.length}>
      <View className='figures__card-title'>{title}</View>
      {rows.length === 0 && <View className='muted'>暂无数据</View>}
      {rows.map((b) => (
        <View key={b.key} className='status-chart__row' data-key={b.key} data-count={b.count}>
          <View className='status-chart__line'>
            <Text className='status-chart__label'>{b.label}</Text>
            <Text className='status-chart__value'>
              <Text className='status-chart__count'>{b.count} 张</Text> · {formatFen(b.amountFen)}
            </Text>
          </View>
          <View className='status-chart__track-line'>
            <View className='status-chart__track'>
              <View className='status-chart__bar figures__bar' style={{ width: `${b.widthPercent}%` }} />
            </View>
            <Text className='status-chart__share'>{b.countPercent}%</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

/**
 * 公开数据 (第十八条: the evaluation and the redemptions are open to public supervision): the scheme's
 * aggregate figures from GET /api/public/transparency, no sign-in — per period the quota and what was
 * claimed; vouchers by state, priority field and district; redemptions approved and paid this year; the
 * public notices open now; the open units. No applicant is named.
 */
export default function Figures() {
  const [state, setState] = useState<Remote<PublicTransparency>>({ kind: 'loading' });
  async function load() {
    try {
      setState({ kind: 'ready', data: await api.transparency() });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), []);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  return (
    <View className='page figures' id='public-figures'>
      <View className='admin-hero'>
        <View className='admin-hero__title'>公开数据</View>
        <View className='admin-hero__sub'>创新券的发放、使用与兑现接受社会监督（第十八条）；数据为汇总统计，不含任何申领单位信息</View>
      </View>
      <Loaded state={state} reload={() => void load()} rows={[3, 4, 4]} errorTitle='加载失败'>
        {(f) => (
          <>
            <View className='muted figures__stamp'>数据更新于 {formatBeijing(f.generatedAt)}</View>
            <View className='section-title'>
              <Text>各期额度与领取</Text>
            </View>
            {f.periods.length === 0 && <EmptyState size='small' title='还没有发放周期' description='管理部门发布发放周期后会在这里公开' />}
            {f.periods.map((p) => (
              <View key={`${p.name}-${p.opensAt}`} className='card figures__period' data-period={p.name}>
                <View className='figures__card-title'>{p.name}</View>
                <View className='muted'>
                  {formatBeijing(p.opensAt)} 至 {formatBeijing(p.closesAt)}
                </View>
                <View className='stat-grid figures__grid'>
                  <View className='stat-grid__item'>
                    <View className='stat-grid__label'>本期额度</View>
                    <View className='stat-grid__value figures__quota'>{formatFen(p.quotaFen)}</View>
                  </View>
                  <View className='stat-grid__item'>
                    <View className='stat-grid__label'>已领取（{p.claimed.count} 张）</View>
                    <View className='stat-grid__value figures__claimed'>{formatFen(p.claimed.amountFen)}</View>
                  </View>
                </View>
              </View>
            ))}

            <View className='section-title'>
              <Text>{f.year} 年兑现</Text>
            </View>
            <View className='card stat-grid' id='figures-redemptions'>
              <View className='stat-grid__item'>
                <View className='stat-grid__label'>评审通过 {f.redemptions.approvedThisYear.count} 项</View>
                <View className='stat-grid__value'>{formatFen(f.redemptions.approvedThisYear.amountFen)}</View>
              </View>
              <View className='stat-grid__item'>
                <View className='stat-grid__label'>已拨付 {f.redemptions.paidThisYear.count} 项</View>
                <View className='stat-grid__value'>{formatFen(f.redemptions.paidThisYear.amountFen)}</View>
              </View>
            </View>

            <View className='section-title'>
              <Text>
                创新券 共 {f.vouchers.total.count} 张 · {formatFen(f.vouchers.total.amountFen)}
              </Text>
            </View>
            <Bars id='figures-by-status' title='按状态' groups={f.vouchers.byStatus} />
            <Bars id='figures-by-field' title='按重点领域' groups={f.vouchers.byPriorityField} />
            <Bars id='figures-by-district' title='按注册地区' groups={f.vouchers.byDistrict} />

            <View className='section-title'>
              <Text>正在公示</Text>
            </View>
            {f.notices.length === 0 && <EmptyState size='small' title='当前没有正在公示的项目' description='评审通过的兑现项目会公示 5 个工作日' />}
            {f.notices.map((n) => (
              <View key={n.id} className='card link-card figures-notice' data-notice-id={n.id} onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.notice, { id: n.id }) })}>
                <View className='link-card__main'>
                  <View className='link-card__title'>{n.title}</View>
                  <View className='link-card__sub'>
                    公示期 {n.startDay} 至 {n.endDay} · {n.items.length} 个项目
                  </View>
                </View>
                <Text className='desk__link'>查看 ›</Text>
              </View>
            ))}

            <View className='section-title'>
              <Text>开放单位（{f.openUnits.length} 家）</Text>
            </View>
            <View className='card' id='figures-units'>
              {f.openUnits.length === 0 && <View className='muted'>暂无开放单位</View>}
              {f.openUnits.map((u) => (
                <View key={u.name} className='figures__unit'>
                  <Text className='figures__unit-name'>{u.name}</Text>
                  <Text className='muted'>
                    {[u.district ?? REGION_LABELS[u.region as Region] ?? '', u.mutualRecognition ? '津冀互认' : ''].filter(Boolean).join(' · ')}
                  </Text>
                </View>
              ))}
            </View>
          </>
        )}
      </Loaded>
    </View>
  );
}
