import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { MISCONDUCT_KINDS, MISCONDUCT_LABELS, VOUCHER_STATUS_LABELS, formatFen, type MisconductKind } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import { Choice, FieldRow, TextBox, TextInput } from '../../components/Field';
import { PAGES, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { PartyItems, PartyMatch } from '../../services/supervisionTypes';
import { Pick, refusal, shortNo, toggle } from '../components/supervision';
import '../../components/form.scss';

const KINDS = [
  { code: 'applicant', label: '申领单位' },
  { code: 'open_unit', label: '开放单位' },
];

interface Errors {
  party?: string;
  misconduct?: string;
  other?: string;
  summary?: string;
  form?: string;
}

function CaseForm({ check, item }: { check: string | null; item: string | null }) {
  const [kind, setKind] = useState<'applicant' | 'open_unit'>('applicant');
  const [q, setQ] = useState('');
  const [matches, setMatches] = useState<PartyMatch[] | null>(null);
  const [party, setParty] = useState<PartyMatch | null>(null);
  const [items, setItems] = useState<PartyItems | null>(null);
  const [voucherIds, setVoucherIds] = useState<string[]>([]);
  const [contractIds, setContractIds] = useState<string[]>([]);
  const [redemptionIds, setRedemptionIds] = useState<string[]>([]);
  const [misconduct, setMisconduct] = useState<MisconductKind[]>([]);
  const [otherText, setOtherText] = useState('');
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  // From a spot check's item (第十八条): its parties are the matches, the first one chosen.
  useEffect(() => {
    if (!check || !item) return;
    void api
      .spotCheck(check)
      .then(({ check: c, subjects }) => {
        const subjectId = c.items.find((i) => i.id === item)?.subjectId;
        const parties = subjectId ? (subjects[subjectId]?.parties ?? []) : [];
        if (!parties.length) return;
        setKind(parties[0].kind);
        setMatches(parties);
        void choose(parties[0]);
      })
      .catch((e: unknown) => setErrors({ party: refusal(e) }));
    // Once, for the item the page was opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [check, item]);

  async function search() {
    if (!q.trim()) {
      setErrors({ party: kind === 'applicant' ? '请输入企业或团队名称、统一社会信用代码' : '请输入开放单位名称' });
      return;
    }
    setErrors({});
    try {
      setMatches((await api.findParties(q.trim())).items.filter((m) => m.kind === kind));
    } catch (e) {
      setErrors({ party: refusal(e) });
    }
  }

  async function choose(m: PartyMatch) {
    setParty(m);
    setVoucherIds([]);
    setContractIds([]);
    setRedemptionIds([]);
    setItems(null);
    try {
      setItems(await api.partyItems(m.kind, m.id));
    } catch (e) {
      setErrors({ party: refusal(e) });
    }
  }

  async function submit() {
    const e: Errors = {};
    if (!party) e.party = '请先查找并选择当事方';
    if (misconduct.length === 0) e.misconduct = '请选择至少一项违规行为（第十六条）';
    if (misconduct.includes('other') && !otherText.trim()) e.other = '“其他违规行为”请填写说明';
    if (!summary.trim()) e.summary = '请填写案情摘要：线索来源、涉及事实';
    setErrors(e);
    if (Object.keys(e).length || !party) return;
    const input = {
      party: party.kind === 'applicant' ? { kind: 'applicant' as const, applicantId: party.id } : { kind: 'open_unit' as const, unitId: party.id },
      misconduct: misconduct.map((k) => (k === 'other' ? { kind: k, text: otherText.trim() } : { kind: k })),
      concerned: { voucherIds, contractIds, redemptionIds },
      summary: summary.trim(),
    };
    setBusy(true);
    try {
      const c = check && item ? await api.openCaseFromCheck(check, item, input) : await api.openCase(input);
      await Taro.redirectTo({ url: withQuery(PAGES.supervisionCase, { id: c.id }) });
    } catch (err) {
      setErrors({ form: refusal(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page' id='case-form'>
      <View className='admin-hero'>
        <View className='admin-hero__title'>立案</View>
        <View className='admin-hero__sub'>
          {check ? '由监督抽查发现的问题立案（第十八条）；' : ''}选择当事方、违规行为和所涉创新券、合同、兑现；证据材料在立案后上传
        </View>
      </View>
      <View className='form-card'>
        <FieldRow label='当事方类型' required plain stacked>
          <Choice
            id='party-kind'
            value={kind}
            options={KINDS}
            onChange={(v) => {
              setKind(v as typeof kind);
              setMatches(null);
              setParty(null);
              setItems(null);
            }}
          />
        </FieldRow>
        <FieldRow label={kind === 'applicant' ? '名称或信用代码' : '开放单位名称'} required messages={errors.party ? [errors.party] : []}>
          <TextInput id='party-q' value={q} placeholder={kind === 'applicant' ? '如 北京某某科技' : '如 某某研究院'} maxlength={100} onChange={setQ} />
        </FieldRow>
        <View className='review-actions'>
          <Button block fill='outline' id='party-search' onClick={() => void search()}>
            查找
          </Button>
        </View>
        {matches && matches.length === 0 && <View className='muted'>没有找到，请换个关键词</View>}
        {matches && matches.length > 0 && (
          <View className='picks form-card__pad' id='party-matches'>
            {matches.map((m) => (
              <Pick
                key={m.id}
                block
                on={party?.id === m.id}
                data={m.id}
                className='party-match'
                note={m.creditCode ?? (m.kind === 'applicant' ? '创业团队' : '开放单位')}
                onClick={() => void choose(m)}
              >
                {m.name}
              </Pick>
            ))}
          </View>
        )}
      </View>

      {party && items && (
        <View className='form-card' id='concerned'>
          <View className='review-card-title'>所涉事项（可多选）</View>
          {items.vouchers.length > 0 && (
            <FieldRow label='创新券' plain stacked>
              <View className='picks'>
                {items.vouchers.map((v) => (
                  <Pick key={v.id} on={voucherIds.includes(v.id)} data={v.id} className='concerned-voucher' note={VOUCHER_STATUS_LABELS[v.status]} onClick={() => setVoucherIds(toggle(voucherIds, v.id))}>
                    {formatFen(v.amountFen)} · 券号 {shortNo(v.id)}
                  </Pick>
                ))}
              </View>
            </FieldRow>
          )}
          {items.contracts.length > 0 && (
            <FieldRow label='合同' plain stacked>
              <View className='picks'>
                {items.contracts.map((c) => (
                  <Pick key={c.id} block on={contractIds.includes(c.id)} data={c.id} className='concerned-contract' note={`${c.unitName}${c.contractNo ? ` · ${c.contractNo}` : ''}`} onClick={() => setContractIds(toggle(contractIds, c.id))}>
                    {c.projectTitle}
                  </Pick>
                ))}
              </View>
            </FieldRow>
          )}
          {items.redemptions.length > 0 && (
            <FieldRow label='兑现申请' plain stacked>
              <View className='picks'>
                {items.redemptions.map((r) => (
                  <Pick key={r.id} on={redemptionIds.includes(r.id)} data={r.id} className='concerned-redemption' onClick={() => setRedemptionIds(toggle(redemptionIds, r.id))}>
                    {formatFen(r.payableFen)} · 编号 {shortNo(r.id)}
                  </Pick>
                ))}
              </View>
            </FieldRow>
          )}
          {items.vouchers.length + items.contracts.length + items.redemptions.length === 0 && <View className='muted'>该当事方没有创新券、合同或兑现记录</View>}
        </View>
      )}

      <View className='form-card'>
        <FieldRow label='违规行为（第十六条，可多选）' required plain stacked messages={errors.misconduct ? [errors.misconduct] : []}>
          <View className='picks' id='misconduct-kinds'>
            {MISCONDUCT_KINDS.map((k) => (
              <Pick key={k} on={misconduct.includes(k)} data={k} className='misconduct-kind' onClick={() => setMisconduct(toggle(misconduct, k))}>
                {MISCONDUCT_LABELS[k]}
              </Pick>
            ))}
          </View>
        </FieldRow>
        {misconduct.includes('other') && (
          <FieldRow label='其他违规行为说明' required stacked messages={errors.other ? [errors.other] : []}>
            <TextBox id='misconduct-other' value={otherText} placeholder='说明违规行为' maxlength={500} onChange={setOtherText} />
          </FieldRow>
        )}
        <FieldRow label='案情摘要' required stacked messages={errors.summary ? [errors.summary] : []}>
          <TextBox id='case-summary' value={summary} placeholder='线索来源、涉及的事实和金额' maxlength={2000} onChange={setSummary} />
        </FieldRow>
        <View className='review-actions'>
          <Button type='primary' block id='open-case' loading={busy} onClick={() => void submit()}>
            立案
          </Button>
        </View>
      </View>
      {errors.form && (
        <View className='card hint hint--danger' id='case-form-error'>
          {errors.form}
        </View>
      )}
    </View>
  );
}

/** 立案 (第十六条): the party, the items concerned, the misconduct, a summary; `?check=&item=` from a spot check. */
export default function CaseFormPage() {
  const { params } = useRouter();
  return <AdminGate>{() => <CaseForm check={params.check ?? null} item={params.item ?? null} />}</AdminGate>;
}
