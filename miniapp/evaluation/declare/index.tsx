import { useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { EVALUATION_CLASS_LABELS, formatFen } from '@kcq/shared';
import EvidencePicker from '../../components/EvidencePicker';
import { FieldRow, TextBox, TextInput, YesNo } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { toast } from '../../components/nav';
import { dayLabel } from '../../components/DateField';
import StaffGate from '../../staff/components/StaffGate';
import { evaluationApi } from '../../services/evaluationApi';
import type { EvidenceView } from '../../services/types';
import type { DeclarationAnswer } from '../../services/evaluationTypes';
import { formatBeijing } from '../../logic/clock';
import { classPreview, declarationForm, declarationInput, formatScore, type DeclarationField, type DeclarationForm } from '../../logic/evaluation';
import { asEvidence } from '../../logic/unitApplication';
import { DeclaredFacts, PrefilledCharts, refusal } from '../components/common';

function Declare({ unitId, initial }: { unitId: string; initial: DeclarationAnswer }) {
  const [answer, setAnswer] = useState(initial);
  const { round, prefilled } = answer;
  const [form, setForm] = useState<DeclarationForm>(() => declarationForm(prefilled, initial.declaration));
  const [files, setFiles] = useState<EvidenceView[]>(() => (initial.declaration?.files ?? []).map(asEvidence));
  const [problems, setProblems] = useState<Partial<Record<DeclarationField | 'form', string>>>({});
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);
  const set = (patch: Partial<DeclarationForm>) => setForm((f) => ({ ...f, ...patch }));
  // After a first try, each field's message follows what is typed (it goes as soon as the field is right).
  const [tried, setTried] = useState(false);
  const live: Partial<Record<DeclarationField, string>> = tried ? declarationInput({ ...form, fileIds: [] }).problems : {};
  const msg = (k: DeclarationField) => (live[k] ? [live[k]!] : []);
  const cls = classPreview(form.openedInstrumentValueYuan, round.classThresholdFen);
  const d = answer.declaration;

  async function submit() {
    const { problems: p, input } = declarationInput({ ...form, fileIds: files.map((f) => f.id) });
    setTried(true);
    setProblems(p);
    if (!input) {
      toast('请按提示补全申报内容');
      return;
    }
    setBusy(true);
    try {
      const declared = await evaluationApi.declare(unitId, round.id, input);
      setAnswer((a) => ({ ...a, declaration: declared }));
      toast(d ? '申报已更新' : '申报已提交', 'success');
    } catch (e) {
      setProblems({ form: refusal(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='page' id='evaluation-declare' data-round-id={round.id} data-declared={d ? 'yes' : 'no'}>
      <View className='admin-hero'>
        <View>
          <View className='admin-hero__title'>{round.title}</View>
          <View className='admin-hero__sub'>
            {round.phaseLabel} · 申报截止 {dayLabel(round.declarationDeadline)}（当日24时前）· 仪器原值达到 {formatFen(round.classThresholdFen)} 为I类
          </View>
        </View>
      </View>
      <View className='section-title'>
        <Text>{prefilled.year} 年度平台数据</Text>
        <Text className='muted'>自动汇总</Text>
      </View>
      <PrefilledCharts figures={prefilled} />

      {d && (
        <View className='card hint' id='declared-at'>
          已于 {formatBeijing(d.submittedAt)} 提交申报{answer.canDeclare ? '，截止前可修改后重新提交' : ''}
          {d.gradeLabel ? `。考核结果：${d.gradeLabel}${d.meanScore !== null ? `（${formatScore(d.meanScore)} 分）` : ''}` : ''}
        </View>
      )}

      {answer.canDeclare ? (
        <>
          <View className='form-card' id='declaration-form'>
            <View className='form-card__title'>本单位填报（第十一条）</View>
            <FieldRow
              label='开放仪器设备原值'
              required
              messages={msg('openedInstrumentValue')}
              hint={cls ? `按此原值为 ${cls.label}` : prefilled.knownInstrumentValueFen !== null ? '已按入库申请时的仪器原值预填，可按实际修改' : '对外开放的仪器设备原值合计'}
            >
              <TextInput id='d-value' type='digit' unit='元' value={form.openedInstrumentValueYuan} onChange={(v) => set({ openedInstrumentValueYuan: v })} />
            </FieldRow>
            <FieldRow label='全年运行机时' required messages={msg('instrumentHours')}>
              <TextInput id='d-hours' type='number' unit='小时' value={form.instrumentHours} onChange={(v) => set({ instrumentHours: v })} />
            </FieldRow>
            <FieldRow label='其中对外服务' required messages={msg('sharedHours')} hint='为本单位以外的用户提供服务的机时'>
              <TextInput id='d-shared' type='number' unit='小时' value={form.sharedHours} onChange={(v) => set({ sharedHours: v })} />
            </FieldRow>
            <FieldRow label='开放制度' required stacked messages={msg('opennessRules')} hint='开放共享管理办法、预约方式、收费公示等'>
              <TextBox id='d-rules' value={form.opennessRules} onChange={(v) => set({ opennessRules: v })} />
            </FieldRow>
            <FieldRow label='服务质量' required stacked messages={msg('serviceQuality')} hint='用户评价、投诉处理、服务时效'>
              <TextBox id='d-quality' value={form.serviceQuality} onChange={(v) => set({ serviceQuality: v })} />
            </FieldRow>
            <FieldRow label='开放成效' stacked hint='选填：支撑的项目、成果、典型案例'>
              <TextBox id='d-effect' value={form.effect} onChange={(v) => set({ effect: v })} />
            </FieldRow>
            <FieldRow label='第三方检测检验机构' plain hint='第三方检测检验服务机构原则上不予补助（第十一条）'>
              <YesNo id='d-agency' value={form.thirdPartyAgency} onChange={(v) => set({ thirdPartyAgency: v })} />
            </FieldRow>
            <FieldRow label='证明材料' plain stacked hint='开放制度文件、服务记录、用户评价等（PDF 或图片）'>
              <EvidencePicker
                contractId={round.id}
                files={files}
                onChange={setFiles}
                onBusy={setUploading}
                inputId='declaration-files'
                hint='开放制度、服务记录'
                uploader={async (picked, progress) => {
                  const r = await evaluationApi.uploadDeclarationFiles(unitId, round.id, picked, progress);
                  return { stored: r.stored.map(asEvidence), refused: r.refused };
                }}
              />
            </FieldRow>
          </View>
          {problems.form && (
            <View className='card hint hint--danger' id='declaration-error'>
              {problems.form}
            </View>
          )}
          <View className='submit-bar'>
            <Button type='primary' block size='large' id='declaration-submit' loading={busy} disabled={uploading} onClick={() => void submit()}>
              {d ? '更新申报' : '提交申报'}
            </Button>
          </View>
        </>
      ) : d ? (
        <>
          <View className='section-title'>
            <Text>本单位申报</Text>
            <Text className='muted'>{EVALUATION_CLASS_LABELS[d.class]}</Text>
          </View>
          <DeclaredFacts d={d} open={(f) => evaluationApi.openDeclarationFile(unitId, round.id, f)} />
        </>
      ) : (
        <View className='card hint hint--warn' id='declaration-closed'>
          本年度申报已截止，本单位未申报。如有特殊情况请联系管理部门。
        </View>
      )}
    </View>
  );
}

function Loader({ unitId, roundId }: { unitId: string; roundId: string }) {
  const { state, reload } = useRemote(() => evaluationApi.declaration(unitId, roundId), `${unitId}/${roundId}`);
  return (
    <Loaded state={state} reload={reload} page>
      {(a) => <Declare unitId={unitId} initial={a} />}
    </Loaded>
  );
}

/** 绩效考核申报 (第十四条): the platform's figures for the year as charts, then the unit's own figures, statements and files. */
export default function DeclarePage() {
  const roundId = useRouter().params.round ?? '';
  return <StaffGate>{(me) => <Loader unitId={me.openUnit.id} roundId={roundId} />}</StaffGate>;
}
