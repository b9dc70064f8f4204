import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import EmptyState from '../../components/EmptyState';
import { FieldRow, TextInput } from '../../components/Field';
import { PAGES, goLogin, goTab } from '../../components/nav';
import { api } from '../../services/api';
import { describeError } from '../../services/errors';
import { team, type JoinedUnit } from '../../services/team';
import { formatInviteCode, inviteCodeProblem, staffNameProblem } from '../../logic/team';
import '../../components/form.scss';

type Errors = { code?: string; name?: string; form?: string };

/**
 * 加入开放单位: a lab's staff member types the invite code their unit's manager (or an administrator)
 * gave them, and their name, and becomes staff of that unit: 工作台 and the unit's contracts follow.
 * Reached from 我的 and from the 工作台 gate; `?code=` prefills a shared code.
 */
export default function JoinUnit() {
  const shared = useRouter().params.code ?? '';
  const [code, setCode] = useState(shared ? formatInviteCode(decodeURIComponent(shared)) : '');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const [joined, setJoined] = useState<JoinedUnit | null>(null);

  if (!api.signedIn()) {
    return (
      <View className='page' id='join-unit' data-state='signed_out'>
        <EmptyState icon='user' title='请先登录' description='登录后输入本单位管理员给您的邀请码，即可加入开放单位' action={{ text: '去登录', onClick: () => void goLogin() }} />
      </View>
    );
  }

  if (joined) {
    return (
      <View className='page' id='join-unit' data-state='joined'>
        <View className='card result-card' id='join-result'>
          <View className='result-card__icon result-card__icon--ok'>✓</View>
          <View className='result-card__title'>已加入「{joined.openUnit.name}」</View>
          <View className='result-card__text'>
            {joined.manager ? '您是本单位管理员，可以邀请同事加入。' : '您现在可以处理本单位的合作申请、合同登记与兑现。'}
          </View>
          <Button type='primary' block id='go-desk' onClick={() => void goTab(PAGES.desk)}>
            进入工作台
          </Button>
        </View>
      </View>
    );
  }

  async function submit() {
    const next: Errors = {};
    const codeProblem = inviteCodeProblem(code);
    const nameProblem = staffNameProblem(name);
    if (codeProblem) next.code = codeProblem;
    if (nameProblem) next.name = nameProblem;
    setErrors(next);
    if (codeProblem || nameProblem) return;
    setBusy(true);
    try {
      setJoined(await team.redeemInvite(code, name.trim()));
      void Taro.setNavigationBarTitle({ title: '已加入开放单位' }).catch(() => undefined);
    } catch (e) {
      const v = describeError(e);
      // The code's own refusals belong on the code field; anything else under the form.
      if (['INVITE_INVALID', 'INVITE_EXPIRED', 'INVITE_USED'].includes(v.code)) setErrors({ code: v.message });
      else setErrors({ form: `${v.title}：${v.message}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page' id='join-unit' data-state='form'>
      <View className='card join-intro'>
        <View className='join-intro__title'>用邀请码加入本单位</View>
        <Text className='muted'>邀请码由本单位管理员或管理部门在“本单位工作人员”中发放，7 天内有效，只能使用一次。</Text>
      </View>
      <View className='form-card' id='join-form'>
        <FieldRow label='邀请码' required messages={errors.code ? [errors.code] : []} hint='12 位字母和数字，大小写均可'>
          <TextInput id='invite-code' value={code} placeholder='如 ABCD-EFGH-JKMN' maxlength={20} onChange={setCode} />
        </FieldRow>
        <FieldRow label='您的姓名' required messages={errors.name ? [errors.name] : []} hint='本单位管理员在人员名单中看到的名字'>
          <TextInput id='staff-name' value={name} placeholder='如 王晓娜' maxlength={20} onChange={setName} />
        </FieldRow>
      </View>
      {errors.form && (
        <View className='card hint hint--danger' id='join-error'>
          {errors.form}
        </View>
      )}
      <View className='submit-bar'>
        <Button type='primary' block size='large' id='join-submit' loading={busy} onClick={() => void submit()}>
          加入开放单位
        </Button>
      </View>
    </View>
  );
}
