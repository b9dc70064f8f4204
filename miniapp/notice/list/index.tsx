import { useEffect, useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import EmptyState from '../../components/EmptyState';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { NoticeSummary } from '../../services/reviewTypes';
import { noticeKindLabel } from '../../logic/evaluation';
import '../../admin/components/admin.scss';

const PHASE = { upcoming: '即将公示', open: '公示中', ended: '已结束' } as const;

/** 公示公告: the public notices, readable without signing in (第十五条5, 第十八条). */
export default function NoticeList() {
  const [state, setState] = useState<Remote<NoticeSummary[]>>({ kind: 'loading' });
  async function load() {
    try {
      setState({ kind: 'ready', data: (await api.notices()).notices });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), []);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));
  return (
    <View className='page' id='notice-list'>
      <View className='admin-hero'>
        <View className='admin-hero__title'>公示公告</View>
        <View className='admin-hero__sub'>兑现项目、开放单位入库和绩效考核支持方案均公示 5 个工作日；有异议的，可在公示期内登录后提出（第六、十四条，第十五条5）</View>
      </View>
      {/* 第十八条: the scheme's aggregate figures, beside the notices. */}
      <View className='card link-card' id='notice-figures-link' onClick={() => void Taro.navigateTo({ url: PAGES.figures })}>
        <View className='link-card__main'>
          <View className='link-card__title'>公开数据</View>
          <View className='link-card__sub'>各期额度与领取、创新券状态、年度兑现、开放单位</View>
        </View>
        <Text className='desk__link'>查看 ›</Text>
      </View>
      <Loaded state={state} reload={() => void load()} rows={3} errorTitle='加载失败'>
        {(notices) => (
          <>
            {notices.length === 0 && <EmptyState title='暂无公示' description='管理部门发布兑现公示后会在这里公开' />}
            {notices.map((n) => (
              <View key={n.id} className='card link-card notice-row' data-notice-id={n.id} data-phase={n.phase} onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.notice, { id: n.id }) })}>
                <View className='link-card__main'>
                  <View className='link-card__title'>{n.title}</View>
                  <View className='link-card__sub'>
                    {noticeKindLabel(n.kind)} · 公示期 {n.startDay} 至 {n.endDay}
                  </View>
                </View>
                <Text className='desk__link'>{PHASE[n.phase]} ›</Text>
              </View>
            ))}
          </>
        )}
      </Loaded>
    </View>
  );
}
