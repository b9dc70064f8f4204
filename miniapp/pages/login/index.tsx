import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Input as TaroInput, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api } from '../../services/api';
import { errorLine } from '../../services/errors';
import { demoCode } from '../../logic/login';
import { tabRoleOf } from '../../logic/roleTab';
import { PAGES } from '../../components/nav';
import { PRIVACY_GUIDE_NAME, PRIVACY_GUIDE_PAGE } from '../../services/privacy';
import './index.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * After sign-in: lab staff and administrators → their desk (the role tab); an applicant → home;
 * someone with no role yet → 'ask' (what are they here to do: claim as an enterprise or a team, or join
 * their unit with a code).
 */
async function afterSignIn(): Promise<'ask' | 'gone'> {
  try {
    const me = await api.me();
    if (tabRoleOf(me) !== 'applicant') {
      await Taro.switchTab({ url: PAGES.desk });
      return 'gone';
    }
    if (!me.applicant) return 'ask';
  } catch {
    // Home will say what is wrong.
  }
  await Taro.switchTab({ url: PAGES.home });
  return 'gone';
}

const INTENTS = [
  { id: 'intent-enterprise', title: '我是企业，来领创新券', desc: '科技型中小微企业：登记企业信息，核验资格后领取', url: `${PAGES.applicant}?from=login&kind=enterprise` },
  { id: 'intent-team', title: '我们是创业团队，来领创新券', desc: '尚未注册公司的在校学生团队：登记团队和项目', url: `${PAGES.applicant}?from=login&kind=team` },
  { id: 'intent-join', title: '我是实验室工作人员', desc: '输入本单位管理员给的邀请码，处理合作申请与兑现', url: PAGES.join },
  { id: 'intent-expert', title: '我是评审专家', desc: '输入管理部门给的专家邀请码，评审兑现申请', url: PAGES.expertJoin },
] as const;

/** The title while the question is asked: the person is signed in by now, so not 登录. */
export const INTENT_TITLE = '选择您的身份';

/** Asked once, right after the first sign-in: what the person is here to do. */
function Intent() {
  useEffect(() => {
    void Taro.setNavigationBarTitle({ title: INTENT_TITLE }).catch(() => undefined);
  }, []);
  return (
    <View className='page login' id='intent'>
      <View className='login__hero'>
        <View className='login__logo'>券</View>
        <Text className='login__title'>您来科创券做什么？</Text>
        <Text className='login__subtitle'>选择后进入对应的登记或加入流程，之后可在“我的”中更改</Text>
      </View>
      {INTENTS.map((i) => (
        <View key={i.id} id={i.id} className='card intent-option' onClick={() => void Taro.redirectTo({ url: i.url })}>
          <View className='intent-option__title'>{i.title}</View>
          <View className='muted intent-option__desc'>{i.desc}</View>
        </View>
      ))}
      <View className='text-link text-link--center' id='intent-later' onClick={() => void Taro.switchTab({ url: PAGES.home })}>
        先随便看看
      </View>
    </View>
  );
}

export default function Login() {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const code = demoCode(name);

  async function signIn(getCode: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      await api.signIn(await getCode());
      if ((await afterSignIn()) === 'ask') setAsking(true);
    } catch (e) {
      setError(errorLine(e));
    } finally {
      setBusy(false);
    }
  }

  if (asking) return <Intent />;
  return (
    <View className='page login'>
      <View className='login__hero'>
        <View className='login__logo'>券</View>
        <Text className='login__title'>首都科技创新券</Text>
        <Text className='login__subtitle'>企业与创业团队在线核验资格、领取创新券</Text>
      </View>

      {!IS_H5 && (
        <View className='card'>
          <Button
            type='primary'
            block
            size='large'
            loading={busy}
            onClick={() =>
              void signIn(async () => {
                const r = await Taro.login();
                return r.code;
              })
            }
          >
            微信一键登录
          </Button>
        </View>
      )}

      {IS_H5 && (
        <View className='card login__demo' id='demo-login'>
          <View className='login__demo-title'>演示登录</View>
          <View className='muted'>网页演示版不接入微信登录：输入任意名字即以该演示账号登录（admin 为管理员）。</View>
          <View className='login__field'>
            <TaroInput
              id='demo-name'
              className='login__input'
              placeholder='输入名字，如 zhangsan'
              value={name}
              maxlength={32}
              onInput={(e) => setName(e.detail.value)}
              onConfirm={() => code && void signIn(async () => code)}
            />
          </View>
          <View className='muted login__code'>{code ? `将以演示账号「${name.trim()}」登录` : '名字可用中文、字母或数字'}</View>
          <Button
            id='demo-login-submit'
            type='primary'
            block
            size='large'
            disabled={!code}
            loading={busy}
            onClick={() => code && void signIn(async () => code)}
          >
            登录
          </Button>
        </View>
      )}

      {error && (
        <View className='card login__error' id='login-error'>
          {error}
        </View>
      )}

      <View className='login__terms muted'>登录即表示您同意按照《首都科技创新券实施细则》如实填报申领信息</View>
      {/* WeChat's privacy rules (issue #19): the guide is readable before signing in, on weapp and H5 alike. */}
      <View className='login__terms'>
        <Text className='text-link' id='privacy-guide-entry' onClick={() => void Taro.navigateTo({ url: PRIVACY_GUIDE_PAGE })}>
          {PRIVACY_GUIDE_NAME}
        </Text>
      </View>
    </View>
  );
}
