import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen, parseYuanToFen } from '@kcq/shared';
import { ContractFacts } from '../../components/Contract';
import { FieldRow, TextBox, TextInput } from '../../components/Field';
import { useRemote } from '../../components/hooks';
import Loaded, { PageCard } from '../../components/Loaded';
import { goContract, toContract, toast } from '../../components/nav';
import { api, type UploadSource } from '../../services/api';
import { errorLine } from '../../services/errors';
import '../components/staff.scss';
import {
  EVIDENCE_MAX_FILES,
  canApplyRedemption,
  formatBytes,
  payableFen,
  splitUploads,
  todayInBeijing,
  validateRedemption,
  type RedemptionErrors,
  type RedemptionForm,
} from '../../logic/contracts';
import type { ContractView, EvidenceView } from '../../services/types';
import StaffGate from '../components/StaffGate';

const IS_H5 = process.env.TARO_ENV === 'h5';

function RedeemForm({ c }: { c: ContractView }) {
  const [form, setForm] = useState<Omit<RedemptionForm, 'evidenceIds'>>({ actualAmountYuan: '', report: '' });
  const [files, setFiles] = useState<EvidenceView[]>([]);
  const [errors, setErrors] = useState<RedemptionErrors>({});
  const [uploadErrors, setUploadErrors] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState('');
  const registeredFen = c.terms?.voucherAmountFen ?? 0;
  const payable = payableFen(form.actualAmountYuan, registeredFen);

  async function upload(picked: UploadSource[]) {
    const { ok, errors: refused } = splitUploads(picked, files.length);
    setUploadErrors(refused);
    if (!ok.length) return;
    setUploading(true);
    try {
      const { stored, refused: failed } = await api.uploadEvidence(c.id, ok);
      setFiles((f) => [...f, ...stored]);
      setUploadErrors((r) => [...r, ...failed.map((x) => `${x.name}：${errorLine(x.error)}`)]);
    } finally {
      setUploading(false);
    }
  }

  async function pickWeapp(kind: 'file' | 'image') {
    try {
      if (kind === 'file') {
        const r = await Taro.chooseMessageFile({ count: EVIDENCE_MAX_FILES, type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] });
        await upload(r.tempFiles.map((f) => ({ path: f.path, name: f.name, size: f.size, type: '' })));
      } else {
        const r = await Taro.chooseImage({ count: EVIDENCE_MAX_FILES, sizeType: ['original'] });
        await upload(r.tempFiles.map((f, i) => ({ path: f.path, name: f.path.split('/').pop() ?? `image-${i}.jpg`, size: f.size, type: f.type ?? '' })));
      }
    } catch {
      // Cancelled.
    }
  }

  async function submit() {
    const all: RedemptionForm = { ...form, evidenceIds: files.map((f) => f.id) };
    const e = validateRedemption(all);
    setErrors(e);
    if (Object.keys(e).length) {
      toast(Object.values(e)[0] ?? '请检查填写内容');
      return;
    }
    setBusy(true);
    setServerError('');
    try {
      await api.applyRedemption(c.id, { actualAmountFen: parseYuanToFen(all.actualAmountYuan) ?? 0, report: all.report.trim(), evidenceIds: all.evidenceIds });
      toast('兑现申请已提交', 'success');
      void toContract(c.id);
    } catch (err) {
      setServerError(errorLine(err));
    } finally {
      setBusy(false);
    }
  }

  const msgs = (k: keyof RedemptionForm) => (errors[k] ? [errors[k] as string] : []);
  return (
    <View className='page' id='staff-redeem' data-contract-id={c.id}>
      <View className='card detail-head'>
        <View className='detail-head__sub'>申请兑现（第十五条3）</View>
        <View className='detail-head__title'>{c.project.title}</View>
        <View className='detail-head__notice'>
          合同结束后一个月内申请。创新券支付实际合同金额的一半，但不超过登记的用券金额（第十二条）。
        </View>
      </View>
      <ContractFacts c={c} />

      <View className='form-card' id='redeem-form'>
        <View className='form-card__title'>兑现申请</View>
        <FieldRow label='实际发生金额' required messages={msgs('actualAmountYuan')} hint={payable !== null ? `创新券应兑付 ${formatFen(payable)}` : undefined}>
          <TextInput id='r-amount' type='digit' unit='元' value={form.actualAmountYuan} onChange={(actualAmountYuan) => setForm({ ...form, actualAmountYuan })} />
        </FieldRow>
        <FieldRow label='简要报告' required messages={msgs('report')} stacked>
          <TextBox id='r-report' value={form.report} placeholder='服务完成情况、交付成果' onChange={(report) => setForm({ ...form, report })} />
        </FieldRow>
        <FieldRow label='证明材料' required messages={msgs('evidenceIds')} stacked hint={`合同、发票、检测报告等；PDF/JPEG/PNG，单个不超过 10 MB，每次最多 ${EVIDENCE_MAX_FILES} 个`}>
          <View>
            {IS_H5 ? (
              <label className='file-pick' htmlFor='evidence-input'>
                <Text className='file-pick__button'>选择文件</Text>
                <Text className='muted'>合同、发票、检测报告</Text>
              <input
                id='evidence-input'
                className='file-pick__input'
                type='file'
                multiple
                accept='application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png'
                onChange={(e) => {
                  const list = Array.from(e.currentTarget.files ?? []);
                  e.currentTarget.value = '';
                  void upload(list.map((file) => ({ file, name: file.name, size: file.size, type: file.type })));
                }}
              />
              </label>
            ) : (
              <View className='row' style={{ gap: '8px' }}>
                <Button size='small' fill='outline' onClick={() => void pickWeapp('file')}>
                  从聊天选择文件
                </Button>
                <Button size='small' fill='outline' onClick={() => void pickWeapp('image')}>
                  拍照或相册
                </Button>
              </View>
            )}
            {uploading && (
              <View className='muted files__uploading' id='evidence-uploading'>
                正在上传，请稍候…
              </View>
            )}
            <View className='files' id='evidence-list'>
              {files.map((f) => (
                <View key={f.id} className='files__item' data-evidence-id={f.id}>
                  <View className='files__name'>
                    <Text>{f.filename}</Text>
                    <Text className='muted'>
                      {fileKind(f.contentType)} · {formatBytes(f.sizeBytes)} · 已上传
                    </Text>
                  </View>
                  <Text className='text-link files__remove' onClick={() => setFiles((all) => all.filter((x) => x.id !== f.id))}>
                    移除
                  </Text>
                </View>
              ))}
            </View>
            {uploadErrors.map((m) => (
              <View key={m} className='field__message upload-error'>
                {m}
              </View>
            ))}
          </View>
        </FieldRow>
      </View>

      {serverError && (
        <View className='card hint hint--danger' id='redeem-error'>
          <Text>{serverError}</Text>
        </View>
      )}
      <View className='submit-bar'>
        <Button type='primary' block size='large' id='redeem-submit' loading={busy} disabled={uploading} onClick={() => void submit()}>
          提交兑现申请
        </Button>
      </View>
    </View>
  );
}

/** PDF 文件 / 图片, as the BFF recognised the content. */
function fileKind(contentType: string): string {
  return contentType === 'application/pdf' ? 'PDF 文件' : '图片';
}

function Loader({ id }: { id: string }) {
  const { state, reload } = useRemote(() => api.contract(id), id);
  return (
    <Loaded state={state} reload={reload} page>
      {(c) =>
        canApplyRedemption(c, todayInBeijing()) ? (
          <RedeemForm c={c} />
        ) : (
          <PageCard
            title='暂不能申请兑现'
            description='兑现申请须在合同已登记、合同结束日之后一个月内提交，且每份合同只能申请一次（第十五条3）'
            action={{ text: '查看合同', onClick: () => void goContract(id) }}
          />
        )
      }
    </Loaded>
  );
}

/** Redemption application for a registered contract whose end day has come (unit staff). */
export default function StaffRedeem() {
  const id = useRouter().params.id ?? '';
  return <StaffGate>{() => <Loader id={id} />}</StaffGate>;
}
