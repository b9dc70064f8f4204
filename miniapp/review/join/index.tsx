import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import EmptyState from '../../components/EmptyState';
import { FieldRow, TextInput } from '../../components/Field';
import { PAGES, goLogin, goTab } from '../../components/nav';
import { api } from '../../services/api';
import type { ExpertView } from '../../services/reviewTypes';
import { refusal } from '../components/review';

/**
 * 加入评审专家库: an expert types the invite code the administrators gave them (POST
 * /api/expert-invites/redeem) and becomes the expert of that profile: the role tab shows their tasks.
 * `?code=` (a shared invite) fills the code in.
 */
export default function ExpertJoin() {
  const params = useRouter().params;
  // A shared invite (专家库 → 发给专家) opens with its code filled in.
  const [code, setCode] = useState(() => (params.code ? decodeURIComponent(params.code) : ''));
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState<ExpertView | null>(null);

  if (!api.signedIn()) {
    return (
      <View className='page' id='expert-join' data-state='signed_out'>
        <EmptyState icon='user' title='请先登录' description='登录后输入管理部门给您的专家邀请码' action={{ text: '去登录', onClick: () => void goLogin() }} />
      </View>
    );
  }
  if (joined) {
    return (
      <View className='page' id='expert-join' data-state='joined'>
        <View className='card result-card' id='expert-join-result'>
          <View className='result-card__icon result-card__icon--ok'>✓</View>
          <View className='result-card__title'>欢迎您，{joined.name}专家</View>
          <View className='result-card__text'>分配给您的兑现评审任务会出现在“评审”页，也会通过消息提醒您。</View>
          <Button
            type='primary'
            block
            id='go-tasks'
            onClick={() => {
              void api.me().catch(() => undefined);
              void goTab(PAGES.desk);
            }}
          >
            查看评审任务
          </Button>
        </View>
      </View>
    );
  }
  async function submit() {
    if (!code.trim()) {
      setError('请填写邀请码');
      return;
    }
    setBusy(true);
    setError('');
    try {
      setJoined(await api.redeemExpertInvite(code.trim()));
      await api.me().catch(() => undefined);
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <View className='page' id='expert-join' data-state='form'>
      <View className='card join-intro'>
        <View className='join-intro__title'>用邀请码加入评审专家库</View>
        <Text className='muted'>邀请码由管理部门发放，7 天内有效，只能使用一次。加入后即可评审分配给您的兑现申请（第十五条4）。</Text>
      </View>
      <View className='form-card' id='expert-join-form'>
        <FieldRow label='专家邀请码' required messages={error ? [error] : []}>
          <TextInput id='expert-code' value={code} placeholder='请输入邀请码' maxlength={32} onChange={setCode} />
        </FieldRow>
      </View>
      <View className='submit-bar'>
        <Button type='primary' block size='large' id='expert-join-submit' loading={busy} onClick={() => void submit()}>
          加入评审专家库
        </Button>
      </View>
    </View>
  );
}
