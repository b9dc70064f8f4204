import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import EmptyState from '../../components/EmptyState';
import { Choice, FieldRow, TextBox, TextInput } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, goApplicant, goContract, goLogin, goTab, toast } from '../../components/nav';
import { api } from '../../services/api';
import { describeError, errorLine, type ErrorView } from '../../services/errors';
import { formatBeijing } from '../../logic/clock';
import {
  CONFIDENTIAL_NOTE,
  FUNDING_BLOCK,
  FUNDING_QUESTION,
  emptyProposal,
  preselectedVoucher,
  proposableVouchers,
  proposalBody,
  validateProposal,
  type ProposalErrors,
  type ProposalForm,
} from '../../logic/contracts';
import type { ContractView, VoucherView } from '../../services/types';
import SubscribePrompt from '../../components/SubscribePrompt';

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

type Entry = { kind: 'signed_out' } | { kind: 'no_applicant' } | { kind: 'ready'; vouchers: VoucherView[] };

async function load(): Promise<Entry> {
  if (!api.signedIn()) return { kind: 'signed_out' };
  const me = await api.me();
  if (!me.applicant) return { kind: 'no_applicant' };
  return { kind: 'ready', vouchers: proposableVouchers((await api.vouchers()).vouchers) };
}

/**
 * 申请合作 (第九条, 第十二条, 第十六条): one claimed voucher, the project (confidential), the declaration of
 * no municipal S&T funding → POST /api/contracts; the open unit then confirms it (contract registration).
 */
export default function Cooperate() {
  const params = useRouter().params;
  const serviceId = params.id ?? '';
  const unitId = params.unitId ?? '';
  const name = params.name ? safeDecode(params.name) : '';
  const { state, reload } = useRemote(load, `${serviceId}|${unitId}`);
  const [form, setForm] = useState<ProposalForm>(emptyProposal());
  const [errors, setErrors] = useState<ProposalErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorView | null>(null);
  const [done, setDone] = useState<ContractView | null>(null);

  // The only claimed voucher is chosen already (one tap fewer); with several the founder picks one.
  useEffect(() => {
    if (state.kind === 'ready' && state.data.kind === 'ready') {
      const only = preselectedVoucher(state.data.vouchers);
      if (only) setForm((f) => (f.voucherId ? f : { ...f, voucherId: only }));
    }
  }, [state]);

  const set = (patch: Partial<ProposalForm>) => {
    const next = { ...form, ...patch };
    setForm(next);
    if (Object.keys(errors).length) setErrors(validateProposal(next));
  };

  async function submit() {
    const e = validateProposal(form);
    setErrors(e);
    if (Object.keys(e).length) {
      toast(Object.values(e)[0] ?? '请检查填写内容');
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      setDone(await api.propose(proposalBody(form, serviceId ? { serviceId } : { unitId })));
    } catch (err) {
      setFailure(describeError(err));
      toast(errorLine(err));
    } finally {
      setBusy(false);
    }
  }

  /** What stands once `load` answered: 请先登录, 去登记, the submitted card, 没有可用的创新券 or the form. */
  function entry(data: Entry) {
    if (data.kind === 'signed_out') {
      return (
        <View className='page'>
          <EmptyState icon='user' title='请先登录' description='登录并登记申领主体后，可用创新券向开放单位申请合作' action={{ text: '去登录', onClick: () => void goLogin() }} />
        </View>
      );
    }
    if (data.kind === 'no_applicant') {
      return (
        <View className='page'>
          <EmptyState title='还没有登记申领主体' description='先登记企业或创业团队并领取创新券，再申请合作' action={{ text: '去登记', onClick: () => void goApplicant() }} />
        </View>
      );
    }
    if (done) {
      return (
        <View className='page' id='cooperate-done' data-contract-id={done.id}>
          <EmptyState
            icon='done'
            title='合作申请已提交'
            description={`已向「${done.unitName}」提交项目「${done.project.title}」。开放单位确认并登记合同后，券状态变为“已登记”；请在 ${formatBeijing(done.voucher.registrationDeadline)} 前完成合同登记（第十五条2）。`}
            action={{ text: '查看合同', onClick: () => void goContract(done.id) }}
          />
          {/* Issue #19: after proposing, WeChat may tell once when the unit confirms or declines. */}
          <SubscribePrompt topic='contract_result' label='开放单位确认后微信通知我' />
        </View>
      );
    }
    if (data.vouchers.length === 0) {
      return (
        <View className='page' id='cooperate-no-voucher'>
          <EmptyState
            title='没有可用的创新券'
            description='申请合作需要一张已领取、尚未用于其他合同的创新券（第十六条）。发放周期开放时可在首页领取。'
            action={{ text: '去首页领取', onClick: () => void goTab(PAGES.home) }}
          />
        </View>
      );
    }

    // A "yes" to the funding question shows its own block (#funding-block), not a second message.
    const msgs = (k: keyof ProposalForm) => (errors[k] && !(k === 'notFunded' && form.notFunded === false) ? [errors[k] as string] : []);
    return (
      <View className='page' id='cooperate-form'>
        <View className='card detail-head'>
          <View className='detail-head__sub'>申请合作</View>
          <View className='detail-head__title'>{name || '开放单位服务'}</View>
          <View className='detail-head__notice'>开放单位确认项目后签订技术服务合同并登记，单张券最多支付合同实际金额的 50%（第十二条）。</View>
        </View>

        <View className='form-card'>
          <View className='form-card__title'>选择创新券</View>
          <FieldRow label='创新券' required messages={msgs('voucherId')} stacked>
            <View className='pick-list' id='voucher-pick'>
              {data.vouchers.map((v) => (
                <View
                  key={v.id}
                  className={`pick ${form.voucherId === v.id ? 'pick--on' : ''}`}
                  data-voucher-id={v.id}
                  onClick={() => set({ voucherId: v.id })}
                >
                  <View className='pick__title'>{formatFen(v.amountFen)}</View>
                  <View className='pick__sub'>合同登记截止 {formatBeijing(v.registrationDeadline)}（领券后15日内，第十五条2）</View>
                </View>
              ))}
            </View>
          </FieldRow>
        </View>

        <View className='form-card'>
          <View className='form-card__title'>合作项目</View>
          <FieldRow label='项目名称' required messages={msgs('title')}>
            <TextInput id='c-title' value={form.title} placeholder='如：新型传感器材料表征' maxlength={100} onChange={(title) => set({ title })} />
          </FieldRow>
          <FieldRow label='项目内容' required messages={msgs('description')} stacked>
            <TextBox id='c-description' value={form.description} placeholder='研究目标、需要的测试或研发服务、预期成果' onChange={(description) => set({ description })} />
          </FieldRow>
          <View className='notice' id='confidential-note'>
            {CONFIDENTIAL_NOTE}
          </View>
        </View>

        <View className='form-card'>
          <View className='form-card__title'>声明（第十二条）</View>
          <FieldRow label='该项目是否已获得市级财政科技经费支持' required messages={msgs('notFunded')} stacked>
            <Choice
              id='c-funding'
              value={form.notFunded === null ? '' : form.notFunded ? 'no' : 'yes'}
              options={[
                { code: 'no', label: `否，${FUNDING_QUESTION}` },
                { code: 'yes', label: '是，已获得' },
              ]}
              onChange={(v) => set({ notFunded: v === 'no' })}
            />
          </FieldRow>
          {form.notFunded === false && (
            <View className='hint hint--danger' id='funding-block'>
              {FUNDING_BLOCK}
            </View>
          )}
        </View>

        {failure && (
          <View className='card hint hint--danger' id='cooperate-error' data-code={failure.code}>
            <Text>
              {failure.title}：{failure.message}
            </Text>
            {failure.hints.map((h) => (
              <View key={h}>{h}</View>
            ))}
            {failure.next?.action === 'my_vouchers' && (
              <View className='mine__link' onClick={() => void goTab(PAGES.desk)}>
                {failure.next.label} ›
              </View>
            )}
          </View>
        )}

        <View className='submit-bar'>
          <Button type='primary' block size='large' id='submit-proposal' loading={busy} disabled={form.notFunded === false} onClick={() => void submit()}>
            提交合作申请
          </Button>
          <View className='text-link text-link--center' onClick={() => void Taro.navigateBack().catch(() => goTab(PAGES.labs))}>
            返回服务详情
          </View>
        </View>
      </View>
    );
  }

  return (
    <Loaded state={state} reload={reload} rows={5} page>
      {entry}
    </Loaded>
  );
}
