import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { ERROR_MESSAGES } from '@kcq/shared';

import './index.scss';

/** BFF base URL injected at build time; empty on H5 (same origin). */
const API_BASE = process.env.TARO_APP_API_BASE ?? '';

/** Body of `GET /readyz` when the BFF is ready. */
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
    return { state: 'ok', text: `正常（存储：${body.store ?? '未知'}，额度：${body.inventory ?? '未知'}）` };
  } catch {
    return down;
  }
}

export default function Index() {
  const [status, setStatus] = useState<ServiceStatus>({ state: 'loading' });

  useEffect(() => {
    let active = true;
    void fetchServiceStatus().then((next) => {
      if (active) setStatus(next);
    });
    return () => {
      active = false;
    };
  }, []);

  return (
    <View className='home'>
      <View className='home__hero'>
        <Text className='home__title'>科创券</Text>
        <Text className='home__subtitle'>首都科技创新券 · 小程序</Text>
      </View>
      <View className='home__status'>
        <Text className='home__status-label'>服务状态</Text>
        <View id='service-status' className={`home__status-value home__status-value--${status.state}`}>
          {status.state === 'loading' ? '检查中…' : status.text}
        </View>
      </View>
    </View>
  );
}
