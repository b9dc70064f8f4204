import { Text, View } from '@tarojs/components';
import { Tag } from '@nutui/nutui-react-taro';
import { formatFen } from '@kcq/shared';
import { formatBeijing } from '../logic/clock';
import { CONTRACT_STATUS_LABELS, CONTRACT_STATUS_TAG, REDEMPTION_STATUS_LABELS, contractStageLabel, voucherStageLabel } from '../logic/contracts';
import { amountLines, voucherAmounts } from '../logic/vouchers';
import type { ContractView, NamedRedemption, RedemptionView } from '../services/types';

export function Fact({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className='facts__row' id={id}>
      <Text className='facts__label'>{label}</Text>
      <Text className='facts__value'>{value}</Text>
    </View>
  );
}

/** Waiting on someone (a review, a payment) reads as warning, like 待确认; the contract's own colour otherwise. */
function stageTag(c: ContractView, redemption?: RedemptionView | null) {
  const stage = contractStageLabel(c, redemption);
  if (c.status === 'registered' && stage !== CONTRACT_STATUS_LABELS.registered) {
    return stage === REDEMPTION_STATUS_LABELS.rejected ? 'danger' : stage === REDEMPTION_STATUS_LABELS.paid ? 'success' : 'warning';
  }
  return CONTRACT_STATUS_TAG[c.status];
}

export function ContractStatusTag({ c, redemption }: { c: ContractView; redemption?: RedemptionView | null }) {
  return (
    <Tag type={stageTag(c, redemption)} round className='contract-status'>
      {contractStageLabel(c, redemption)}
    </Tag>
  );
}

/** One line of a contracts list: project, unit/service, status, voucher. */
export function ContractRow({ c, onClick }: { c: ContractView; onClick: () => void }) {
  return (
    <View className='card link-card contract-row' data-contract-id={c.id} data-status={c.status} onClick={onClick}>
      <View className='link-card__main'>
        <View className='link-card__title'>{c.project.title}</View>
        <View className='link-card__sub'>
          {c.unitName}
          {c.serviceName ? ` · ${c.serviceName}` : ''}
        </View>
        <View className='link-card__sub'>
          创新券 {formatFen(c.voucher.amountFen)} · 提交于 {formatBeijing(c.proposedAt)}
        </View>
      </View>
      <ContractStatusTag c={c} />
    </View>
  );
}

/**
 * The contract's facts: parties, project (第九条3), voucher and its deadlines, terms once registered.
 * With the redemption loaded, the contract's and the voucher's status read as its stage (never 已登记
 * beside 待评审), and the voucher shows what it will pay.
 */
export function ContractFacts({ c, redemption, applicantName }: { c: ContractView; redemption?: RedemptionView | null; applicantName?: string | null }) {
  const amounts = amountLines(voucherAmounts(c.voucher.amountFen, c.terms, redemption), (f) => formatFen(f));
  return (
    <>
      <View className='card facts' id='contract-facts'>
        <Fact label='状态' value={contractStageLabel(c, redemption)} id='fact-status' />
        {applicantName && <Fact label='申领单位' value={applicantName} id='fact-applicant' />}
        <Fact label='开放单位' value={c.unitName} />
        {c.serviceName && <Fact label='服务' value={c.serviceName} />}
        <Fact label='项目名称' value={c.project.title} />
      </View>
      <View className='card description'>
        <View className='muted'>项目内容（仅申领单位、该开放单位和管理部门可见，第九条3）</View>
        <View>{c.project.description}</View>
      </View>
      <View className='section-title'>
        <Text>创新券</Text>
      </View>
      <View className='card facts' id='contract-voucher'>
        {amounts.map((a) => (
          <Fact key={a.key} label={a.label} value={a.value} id={`contract-amount-${a.key}`} />
        ))}
        <Fact label='券状态' value={voucherStageLabel(c, redemption)} id='fact-voucher-status' />
        {c.voucher.status === 'claimed' && <Fact label='合同登记截止' value={formatBeijing(c.voucher.registrationDeadline)} />}
        {c.voucher.validUntil && <Fact label='有效期至' value={formatBeijing(c.voucher.validUntil)} />}
        {c.voucher.redemptionDeadline && <Fact label='兑现申请截止' value={formatBeijing(c.voucher.redemptionDeadline)} />}
      </View>
      {c.terms && (
        <>
          <View className='section-title'>
            <Text>合同条款（已登记）</Text>
          </View>
          <View className='card facts' id='contract-terms'>
            <Fact label='合同编号' value={c.terms.contractNo} id='fact-contract-no' />
            <Fact label='合同金额' value={formatFen(c.terms.contractAmountFen)} />
            <Fact label='合同期限' value={`${c.terms.startDay} 至 ${c.terms.endDay}`} />
            <Fact label='使用创新券' value={formatFen(c.terms.voucherAmountFen)} id='fact-voucher-amount' />
          </View>
        </>
      )}
    </>
  );
}

/** 第十八条: what happened to the contract, oldest first. */
export function ContractHistory({ c }: { c: ContractView }) {
  const rows: { at: string; text: string }[] = [{ at: c.proposedAt, text: '申领单位提交合作申请' }];
  if (c.registeredAt) rows.push({ at: c.registeredAt, text: '开放单位确认，合同已登记' });
  if (c.rejection) rows.push({ at: c.rejection.at, text: `开放单位未接受：${c.rejection.reason}` });
  for (const a of c.amendments) rows.push({ at: a.at, text: `合同变更${a.reason ? `：${a.reason}` : ''}` });
  if (c.closed) rows.push({ at: c.closed.at, text: `${CONTRACT_STATUS_LABELS[c.status]}${c.closed.reason ? `：${c.closed.reason}` : ''}` });
  rows.sort((a, b) => a.at.localeCompare(b.at));
  return (
    <>
      <View className='section-title'>
        <Text>记录</Text>
      </View>
      <View className='card facts' id='contract-history'>
        {rows.map((r) => (
          <Fact key={`${r.at}${r.text}`} label={formatBeijing(r.at)} value={r.text} />
        ))}
      </View>
    </>
  );
}

export function RedemptionFacts({ r }: { r: NamedRedemption }) {
  return (
    <View className='card facts' id='redemption-facts' data-status={r.status}>
      <Fact label='兑现状态' value={REDEMPTION_STATUS_LABELS[r.status]} id='fact-redemption-status' />
      {r.applicantName && <Fact label='申领单位' value={r.applicantName} id='fact-redemption-applicant' />}
      <Fact label='实际发生金额' value={formatFen(r.actualAmountFen)} />
      <Fact label='应兑付' value={formatFen(r.payableFen)} id='fact-payable' />
      <Fact label='提交时间' value={formatBeijing(r.submittedAt)} />
      {r.siteVisit && <Fact label='现场核查' value={`${formatBeijing(r.siteVisit.at)}${r.siteVisit.note ? ` ${r.siteVisit.note}` : ''}`} />}
      {r.review && (
        <Fact label='评审' value={`${r.review.decision === 'approved' ? '通过' : '未通过'}${r.review.reason ? `：${r.review.reason}` : ''}`} />
      )}
      {r.paymentYear !== null && <Fact label='拨付年度' value={`${r.paymentYear} 年`} />}
      {r.payment && <Fact label='已拨付' value={`${formatBeijing(r.payment.at)}${r.payment.reference ? ` ${r.payment.reference}` : ''}`} />}
    </View>
  );
}
