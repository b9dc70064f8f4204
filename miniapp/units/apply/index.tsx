import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import EvidencePicker from '../../components/EvidencePicker';
import { Choice, FieldRow, TextBox, TextInput } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import RoleGate from '../../components/RoleGate';
import { PAGES, toast, withQuery } from '../../components/nav';
import { evaluationApi } from '../../services/evaluationApi';
import type { MeView } from '../../services/types';
import type { UnitApplicationView } from '../../services/evaluationTypes';
import {
  APPLICATION_NEXT_STEP,
  CATEGORY_OPTIONS,
  CONDITION_HINTS,
  CONDITION_ROWS,
  DISTRICT_OPTIONS,
  FIELD_OPTIONS,
  KIND_OPTIONS,
  LAB_LEVEL_OPTIONS,
  PRICE_UNIT_OPTIONS,
  applicationInput,
  applicationNext,
  asEvidence,
  emptyApplicationForm,
  emptyInstrument,
  formFromApplication,
  formatTotal,
  instrumentsTotalFen,
  type ApplicationField,
  type ApplicationForm,
  type InstrumentForm,
} from '../../logic/unitApplication';
import { errorLine } from '../../services/errors';
import '../../admin/components/admin.scss';
import '../../review/components/review.scss';
import '../../staff/components/staff.scss';
import '../../evaluation/components/evaluation.scss';

function refusal(e: unknown): string {
  const code = (e as { code?: string } | null)?.code ?? '';
  const next = APPLICATION_NEXT_STEP[code];
  const line = errorLine(e);
  return next ? `${line}。${next}`.replace('。。', '。') : line;
}

function Instrument({
  n,
  i,
  msg,
  onChange,
  onRemove,
}: {
  n: number;
  i: InstrumentForm;
  msg: (k: ApplicationField) => string[];
  onChange: (patch: Partial<InstrumentForm>) => void;
  onRemove: (() => void) | null;
}) {
  const k = (f: 'name' | 'originalValue' | 'category' | 'price' | 'priceUnit' | 'leadTime' | 'compute') => msg(`instrument.${n}.${f}`);
  return (
    <View className='form-card eval-instrument' data-instrument={n}>
      <View className='eval-instrument__head'>
        <Text>仪器设备 {n + 1}</Text>
        {onRemove && (
          <Text className='eval-instrument__remove' onClick={onRemove}>
            删除
          </Text>
        )}
      </View>
      <FieldRow label='名称' required messages={k('name')}>
        <TextInput id={`i${n}-name`} value={i.name} placeholder='如 场发射扫描电子显微镜' maxlength={100} onChange={(v) => onChange({ name: v })} />
      </FieldRow>
      <FieldRow label='型号'>
        <TextInput id={`i${n}-model`} value={i.model} placeholder='选填' maxlength={100} onChange={(v) => onChange({ model: v })} />
      </FieldRow>
      <FieldRow label='生产厂家'>
        <TextInput id={`i${n}-maker`} value={i.maker} placeholder='选填' maxlength={100} onChange={(v) => onChange({ maker: v })} />
      </FieldRow>
      <FieldRow label='原值' required messages={k('originalValue')} hint='购置时的原值，用于确定考核类别'>
        <TextInput id={`i${n}-value`} type='digit' unit='元' value={i.originalValueYuan} onChange={(v) => onChange({ originalValueYuan: v })} />
      </FieldRow>
      <FieldRow label='服务类别' required plain stacked messages={k('category')}>
        <Choice
          id={`i${n}-category`}
          value={i.category}
          options={CATEGORY_OPTIONS}
          onChange={(v) => onChange({ category: v as InstrumentForm['category'], ...(v === 'compute' ? { priceUnit: 'card_hour' as const } : {}) })}
        />
      </FieldRow>
      {i.category === 'compute' && (
        <>
          <FieldRow label='显卡型号' required messages={k('compute')}>
            <TextInput id={`i${n}-gpu`} value={i.gpuModel} placeholder='如 A800 80GB' maxlength={60} onChange={(v) => onChange({ gpuModel: v })} />
          </FieldRow>
          <FieldRow label='卡数' required>
            <TextInput id={`i${n}-cards`} type='number' unit='卡' value={i.cards} onChange={(v) => onChange({ cards: v })} />
          </FieldRow>
        </>
      )}
      <FieldRow label='拟收费' required messages={k('price')}>
        <TextInput id={`i${n}-price`} type='digit' unit='元' value={i.priceYuan} onChange={(v) => onChange({ priceYuan: v })} />
      </FieldRow>
      <FieldRow label='计价单位' required plain stacked messages={k('priceUnit')}>
        <Choice id={`i${n}-unit`} value={i.priceUnit} options={PRICE_UNIT_OPTIONS} onChange={(v) => onChange({ priceUnit: v as InstrumentForm['priceUnit'] })} />
      </FieldRow>
      <FieldRow label='服务周期' messages={k('leadTime')}>
        <TextInput id={`i${n}-lead`} type='number' unit='天' value={i.leadTimeDays} onChange={(v) => onChange({ leadTimeDays: v })} />
      </FieldRow>
    </View>
  );
}

function Apply({ existing }: { existing: UnitApplicationView | null }) {
  const [form, setForm] = useState<ApplicationForm>(() => (existing ? formFromApplication(existing) : emptyApplicationForm()));
  const [problems, setProblems] = useState<Partial<Record<ApplicationField | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(0);
  const set = (patch: Partial<ApplicationForm>) => setForm((f) => ({ ...f, ...patch }));
  const [tried, setTried] = useState(false);
  const live: Partial<Record<ApplicationField, string>> = tried ? applicationInput(form).problems : {};
  const msg = (k: ApplicationField) => (live[k] ? [live[k]!] : []);
  const setInstrument = (n: number, patch: Partial<InstrumentForm>) => setForm((f) => ({ ...f, instruments: f.instruments.map((x, j) => (j === n ? { ...x, ...patch } : x)) }));
  const total = instrumentsTotalFen(form.instruments);
  const editable = existing ? applicationNext(existing).editable : true;

  async function submit() {
    const { problems: p, input } = applicationInput(form);
    setTried(true);
    setProblems(p);
    if (!input) {
      toast('请按提示补全申请内容');
      return;
    }
    setBusy(true);
    try {
      if (existing) {
        await evaluationApi.resubmitUnitApplication(existing.id, input);
        toast(existing.status === 'info_requested' ? '已重新提交' : '申请已更新', 'success');
        await Taro.redirectTo({ url: PAGES.unitApplications });
      } else {
        const a = await evaluationApi.applyForUnit(input);
        toast('申请已提交', 'success');
        // Files belong to an application: the same form again, now with its id, to add them.
        await Taro.redirectTo({ url: withQuery(PAGES.unitApply, { id: a.id }) });
      }
    } catch (e) {
      setProblems({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  if (!editable && existing) {
    return (
      <View className='page'>
        <View className='card hint' id='apply-locked'>
          {applicationNext(existing).line}
        </View>
      </View>
    );
  }

  return (
    <View className='page' id='unit-apply' data-application-id={existing?.id ?? ''}>
      <View className='admin-hero'>
        <View>
          <View className='admin-hero__title'>{existing ? '修改入库申请' : '申请成为开放单位'}</View>
          <View className='admin-hero__sub'>在京注册、拥有可对外开放的科研设施与仪器的高校、院所和企业，均可申请纳入开放单位名录（第六条）</View>
        </View>
      </View>
      {existing?.status === 'info_requested' && (
        <View className='card hint hint--warn' id='apply-info-requested'>
          管理部门请您补充：{existing.adminMessage}
        </View>
      )}
      <View className='form-card'>
        <View className='form-card__title'>单位信息</View>
        <FieldRow label='单位名称' required messages={msg('name')}>
          <TextInput id='a-name' value={form.name} placeholder='与营业执照或法人证书一致' maxlength={100} onChange={(v) => set({ name: v })} />
        </FieldRow>
        <FieldRow label='统一社会信用代码' required messages={msg('creditCode')}>
          <TextInput id='a-code' value={form.creditCode} placeholder='18位' maxlength={18} onChange={(v) => set({ creditCode: v.toUpperCase() })} />
        </FieldRow>
        <FieldRow label='单位类型' required plain messages={msg('kind')}>
          <Choice id='a-kind' value={form.kind} options={KIND_OPTIONS} onChange={(v) => set({ kind: v as ApplicationForm['kind'] })} />
        </FieldRow>
        <FieldRow label='注册所在区' required plain stacked messages={msg('district')}>
          <Choice id='a-district' value={form.district} options={DISTRICT_OPTIONS} onChange={(v) => set({ district: v })} />
        </FieldRow>
        <FieldRow label='服务的重点领域（可多选）' required plain stacked messages={msg('fields')}>
          <View className='eval-chips' id='a-fields'>
            {FIELD_OPTIONS.map((o) => {
              const on = form.fields.includes(o.code);
              return (
                <View
                  key={o.code}
                  className={`eval-chip ${on ? 'eval-chip--on' : ''}`}
                  data-code={o.code}
                  data-on={String(on)}
                  onClick={() => set({ fields: on ? form.fields.filter((x) => x !== o.code) : [...form.fields, o.code] })}
                >
                  {o.label}
                </View>
              );
            })}
          </View>
        </FieldRow>
        <FieldRow label='实验室或平台名称' required messages={msg('labName')} hint='仪器设备所在的实验室，入库后显示在实验室目录中'>
          <TextInput id='a-lab' value={form.labName} maxlength={100} onChange={(v) => set({ labName: v })} />
        </FieldRow>
        <FieldRow label='实验室类别' required plain stacked messages={msg('labLevel')}>
          <Choice id='a-lab-level' value={form.labLevel} options={LAB_LEVEL_OPTIONS} onChange={(v) => set({ labLevel: v as ApplicationForm['labLevel'] })} />
        </FieldRow>
      </View>

      <View className='section-title'>
        <Text>申请条件（第六条）</Text>
      </View>
      <View className='form-card' id='a-conditions'>
        {CONDITION_ROWS.map((c, n) => (
          <View key={c.key} data-condition={c.key}>
            <FieldRow label={`${n + 1}. ${c.label}`} required stacked messages={msg(`condition.${c.key}`)} hint={CONDITION_HINTS[c.key]}>
              <TextBox
                id={`a-cond-${c.key}`}
                value={form.conditions[c.key].statement}
                maxlength={2000}
                onChange={(v) => set({ conditions: { ...form.conditions, [c.key]: { ...form.conditions[c.key], statement: v } } })}
              />
            </FieldRow>
            {existing && (
              <FieldRow label='证明材料' plain stacked>
                <EvidencePicker
                  contractId={existing.id}
                  files={form.conditions[c.key].files}
                  onChange={(files) => setForm((f) => ({ ...f, conditions: { ...f.conditions, [c.key]: { ...f.conditions[c.key], files } } }))}
                  onBusy={(b) => setUploading((u) => u + (b ? 1 : -1))}
                  inputId={`a-files-${c.key}`}
                  hint='证照、制度文件等'
                  uploader={async (picked, progress) => {
                    const r = await evaluationApi.uploadApplicationFiles(existing.id, picked, progress);
                    return { stored: r.stored.map(asEvidence), refused: r.refused };
                  }}
                />
              </FieldRow>
            )}
          </View>
        ))}
        {!existing && <View className='muted eval-note'>提交后可为各项条件上传证明材料（PDF 或图片）。</View>}
      </View>

      <View className='section-title'>
        <Text>拟开放的仪器设备</Text>
        <Text className='muted' id='a-total'>
          原值合计 {formatTotal(total)}
        </Text>
      </View>
      {live.instruments && <View className='card hint hint--danger'>{live.instruments}</View>}
      {form.instruments.map((i, n) => (
        <Instrument
          key={n}
          n={n}
          i={i}
          msg={msg}
          onChange={(patch) => setInstrument(n, patch)}
          onRemove={form.instruments.length > 1 ? () => set({ instruments: form.instruments.filter((_, j) => j !== n) }) : null}
        />
      ))}
      <View className='review-actions'>
        <Button block fill='outline' id='a-add-instrument' onClick={() => set({ instruments: [...form.instruments, emptyInstrument()] })}>
          再添加一台（套）
        </Button>
      </View>

      <View className='form-card'>
        <View className='form-card__title'>联系人</View>
        <FieldRow label='姓名' required messages={msg('contactName')}>
          <TextInput id='a-contact' value={form.contactName} maxlength={40} onChange={(v) => set({ contactName: v })} />
        </FieldRow>
        <FieldRow label='电话' required messages={msg('contactPhone')}>
          <TextInput id='a-phone' type='number' value={form.contactPhone} maxlength={13} onChange={(v) => set({ contactPhone: v })} />
        </FieldRow>
        <FieldRow label='邮箱' messages={msg('contactEmail')}>
          <TextInput id='a-email' value={form.contactEmail} placeholder='选填' maxlength={100} onChange={(v) => set({ contactEmail: v })} />
        </FieldRow>
      </View>
      {problems.form && (
        <View className='card hint hint--danger' id='apply-error'>
          {problems.form}
        </View>
      )}
      <View className='submit-bar'>
        <Button type='primary' block size='large' id='apply-submit' loading={busy} disabled={uploading > 0} onClick={() => void submit()}>
          {existing ? (existing.status === 'info_requested' ? '补充后重新提交' : '保存修改') : '提交申请'}
        </Button>
      </View>
      <View className='muted eval-note'>审核通过后公示 5 个工作日；公示期满无异议的，纳入开放单位名录，您成为本单位管理员，仪器设备作为服务项目上架。</View>
    </View>
  );
}

function Loader({ id }: { id: string }) {
  const { state, reload } = useRemote<UnitApplicationView | null>(() => (id ? evaluationApi.unitApplication(id) : Promise.resolve(null)), id);
  return (
    <Loaded state={state} reload={reload} page notFound>
      {(a) => <Apply existing={a} />}
    </Loaded>
  );
}

const anyone = (me: MeView): me is MeView => !!me;

/** 申请成为开放单位 (第六条): anyone signed in; `?id=` edits an application sent earlier (files, 需补充材料). */
export default function UnitApplyPage() {
  const id = useRouter().params.id ?? '';
  return (
    <RoleGate id='apply-gate' admit={anyone} signedOut='登录后即可代表本单位申请成为开放单位' forbiddenTitle='暂不能申请' forbidden={() => ''}>
      {() => <Loader id={id} />}
    </RoleGate>
  );
}
