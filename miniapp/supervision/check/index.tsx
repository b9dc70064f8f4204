import { useEffect, useState } from 'react';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CHECK_OUTCOME_LABELS, type CheckOutcome } from '@kcq/shared';
import AdminGate from '../../admin/components/AdminGate';
import EvidencePicker from '../../components/EvidencePicker';
import { Choice, FieldRow, TextBox } from '../../components/Field';
import type { Remote } from '../../components/hooks';
import Loaded from '../../components/Loaded';
import { PAGES, toast, withQuery } from '../../components/nav';
import { api } from '../../services/api';
import type { SpotCheckDetail, SpotCheckItemView, SpotCheckView } from '../../services/supervisionTypes';
import type { EvidenceView } from '../../services/types';
import { formatBeijing } from '../../logic/clock';
import { OUTCOME_OPTIONS, logLine } from '../../logic/supervision';
import { refusal, shortNo } from '../components/supervision';
import '../../components/form.scss';

function ItemCard({ check, item, label, n, onDone }: { check: SpotCheckView; item: SpotCheckItemView; label: string; n: number; onDone: () => void }) {
  const [editing, setEditing] = useState(!item.check);
  const [outcome, setOutcome] = useState<CheckOutcome>(item.check?.outcome ?? 'compliant');
  const [notes, setNotes] = useState(item.check?.notes ?? '');
  const [files, setFiles] = useState<EvidenceView[]>([]);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const subject = item.subject === 'redemption' ? '兑现申请' : '开放单位';

  async function save() {
    setBusy(true);
    setError('');
    try {
      await api.recordCheck(check.id, item.id, { outcome, ...(notes.trim() ? { notes: notes.trim() } : {}), fileIds: [...(item.check?.fileIds ?? []), ...files.map((f) => f.id)] });
      toast('已登记检查结果', 'success');
      setEditing(false);
      setFiles([]);
      onDone();
    } catch (e) {
      setError(refusal(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='form-card spot-item' data-item-id={item.id} data-subject-id={item.subjectId} data-outcome={item.check?.outcome ?? ''}>
      <View className='review-card-title'>
        样本 {n}：{subject}
      </View>
      <View className='review-text spot-item__label'>
        {label}（编号 {shortNo(item.subjectId)}）
      </View>
      {item.check && !editing && (
        <>
          <View className='review-text'>检查结果：{CHECK_OUTCOME_LABELS[item.check.outcome]}</View>
          {item.check.notes && <View className='review-text'>检查记录：{item.check.notes}</View>}
          <View className='muted'>{formatBeijing(item.check.at)} 登记</View>
          {item.check.fileIds.map((fid, i) => (
            <View key={fid} className='review-row'>
              <View className='review-row__main'>检查材料 {i + 1}</View>
              <Text className='text-link link' onClick={() => void api.openCheckFile(check.id, item.id, fid).catch((e: unknown) => toast(e instanceof Error ? e.message : refusal(e)))}>
                查看
              </Text>
            </View>
          ))}
        </>
      )}
      {editing && (
        <>
          <FieldRow label='检查结果' required plain stacked>
            <Choice id={`outcome-${item.id}`} value={outcome} options={OUTCOME_OPTIONS} onChange={(v) => setOutcome(v as CheckOutcome)} />
          </FieldRow>
          <FieldRow label='检查记录' stacked>
            <TextBox id={`notes-${item.id}`} value={notes} placeholder='核查了什么、发现了什么' maxlength={2000} onChange={setNotes} />
          </FieldRow>
          <FieldRow label='检查材料' plain stacked>
            <EvidencePicker
              contractId={check.id}
              files={files}
              onChange={setFiles}
              onBusy={setUploading}
              inputId={`check-file-${item.id}`}
              hint='现场照片、核查记录（PDF 或图片）'
              uploader={(picked, progress) => api.uploadCheckFiles(check.id, picked, progress)}
            />
          </FieldRow>
        </>
      )}
      <View className='review-actions'>
        {editing ? (
          <Button type='primary' block className='save-check' loading={busy} disabled={uploading} onClick={() => void save()}>
            登记检查结果
          </Button>
        ) : (
          <Button block fill='outline' className='edit-check' onClick={() => setEditing(true)}>
            修改检查结果
          </Button>
        )}
        {item.caseId ? (
          <Button block fill='outline' className='go-case' onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.supervisionCase, { id: item.caseId! }) })}>
            查看已立案件
          </Button>
        ) : (
          <Button block fill='outline' type='danger' className='case-from-item' onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.supervisionCaseForm, { check: check.id, item: item.id }) })}>
            对此样本立案
          </Button>
        )}
      </View>
      {error && <View className='hint hint--danger review-text'>{error}</View>}
    </View>
  );
}

function CheckPage({ id }: { id: string }) {
  const [state, setState] = useState<Remote<SpotCheckDetail>>({ kind: 'loading' });
  async function load() {
    try {
      setState({ kind: 'ready', data: await api.spotCheck(id) });
    } catch (error) {
      setState({ kind: 'error', error });
    }
  }
  useEffect(() => void load(), [id]);
  useDidShow(() => void load());

  return (
    <Loaded state={state} reload={() => void load()} rows={[4, 4]} errorTitle='加载失败' notFound page>
      {({ check: c, log, replay, subjects }) => (
        <View className='page' id='spot-check' data-check-id={c.id}>
          <View className='form-card'>
            <View className='review-card-title'>{c.title}</View>
            <View className='muted'>
              {c.population.kind === 'redemptions' ? `已通过或已拨付的兑现（${c.population.fromDay} 至 ${c.population.toDay}）` : '开放单位'} 共 {c.populationSize} 个，
              {'size' in c.want ? `抽取 ${c.want.size} 个` : `抽取 ${c.want.percent}%`}
            </View>
            <View className='review-row'>
              <View className='review-row__main'>
                <View>随机种子</View>
                <View className='review-row__sub'>{formatBeijing(c.drawnAt)} 抽取</View>
              </View>
              <Text className='sup-seed' id='check-seed'>
                {c.seed}
              </Text>
            </View>
            <View className={`review-text ${replay.same ? '' : 'hint--danger'}`} id='check-replay' data-same={String(replay.same)}>
              {replay.same ? '按保存的种子重新抽取，样本一致' : '按保存的种子重新抽取，样本不一致，请联系系统管理员'}
              {replay.populationUnchanged ? '' : '（抽查范围此后已有变化）'}
            </View>
          </View>
          {c.items.map((item, i) => (
            <ItemCard key={item.id} check={c} item={item} label={subjects[item.subjectId]?.label ?? ''} n={i + 1} onDone={() => void load()} />
          ))}
          <View className='form-card' id='check-log'>
            <View className='review-card-title'>抽查记录</View>
            {log.map((e) => {
              const { what, who } = logLine(e);
              return (
                <View key={e.id} className='sup-log'>
                  <View>{what}</View>
                  <View className='review-row__sub'>
                    {who} · {formatBeijing(e.at)}
                  </View>
                </View>
              );
            })}
          </View>
        </View>
      )}
    </Loaded>
  );
}

/** 抽查详情 (`?id=`): the seed and its replay, each sampled item's check record and files, a case from an item (第十八条). */
export default function SpotCheckPage() {
  const { params } = useRouter();
  return <AdminGate>{() => <CheckPage id={params.id ?? ''} />}</AdminGate>;
}
