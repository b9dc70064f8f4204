import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { api, type EvidenceUpload, type UploadSource } from '../services/api';
import { errorLine } from '../services/errors';
import { EVIDENCE_MAX_FILES, evidenceType, formatBytes, splitUploads } from '../logic/contracts';
import type { EvidenceView } from '../services/types';
import { isPrivacyRefusal, PRIVACY_DECLINED } from '../services/privacy';
import PrivacyPopup from './PrivacyPopup';

/** PDF 文件 / 图片, as the BFF recognised the content (or the picker's type, while uploading). */
export function fileKind(contentType: string): string {
  return contentType === 'application/pdf' ? 'PDF 文件' : contentType.startsWith('image/') ? '图片' : '文件';
}

interface Sending {
  name: string;
  size: number;
  type: string;
  /** 0–100: bytes sent, as the platform reports them. */
  percent: number;
}

interface Props {
  contractId: string;
  /** The evidence already uploaded for this application (listed, removable). */
  files: EvidenceView[];
  onChange: (files: EvidenceView[]) => void;
  /** Told true while files are being sent (the page holds its submit button meanwhile). */
  onBusy?: (busy: boolean) => void;
  /** H5 picks with <input type=file>; weapp with chooseMessageFile (a chat's files) or chooseImage. */
  h5?: boolean;
  /** Where the files go: the contract's evidence by default; a misconduct case's or a spot check's files (第十六、十八条). */
  uploader?: (files: UploadSource[], onProgress: (name: string, percent: number) => void) => Promise<EvidenceUpload>;
  /** What to upload, beside the H5 button. */
  hint?: string;
  /** The H5 file input's id, when a page has more than one picker. */
  inputId?: string;
}

/**
 * 证明材料 (第十五条3): pick files on weapp (chooseMessageFile / chooseImage) or H5 (<input type=file>),
 * each checked before sending (PDF/JPEG/PNG, ≤ 10 MB, ≤ 5 at a time), then sent with a real percentage
 * (weapp: Taro.uploadFile's onProgressUpdate; H5: XHR upload progress). Every file is listed with its
 * name, size and type, and can be removed; a refused one says why, under the row.
 */
export default function EvidencePicker({
  contractId,
  files,
  onChange,
  onBusy,
  h5 = process.env.TARO_ENV === 'h5',
  uploader,
  hint = '合同、发票、检测报告',
  inputId = 'evidence-input',
}: Props) {
  const [sending, setSending] = useState<Sending[]>([]);
  const [errors, setErrors] = useState<string[]>([]);

  async function upload(picked: UploadSource[]) {
    const { ok, errors: refused } = splitUploads(picked, files.length);
    setErrors(refused);
    if (!ok.length) return;
    setSending(ok.map((f) => ({ name: f.name, size: f.size, type: evidenceType(f) ?? '', percent: 0 })));
    onBusy?.(true);
    try {
      const progress = (name: string, percent: number) =>
        setSending((all) => all.map((s) => (s.name === name ? { ...s, percent: Math.max(s.percent, percent) } : s)));
      const { stored, refused: failed } = await (uploader ? uploader(ok, progress) : api.uploadEvidence(contractId, ok, progress));
      onChange([...files, ...stored]);
      setErrors((r) => [...r, ...failed.map((x) => `「${x.name}」未上传：${errorLine(x.error)}`)]);
    } finally {
      setSending([]);
      onBusy?.(false);
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
    } catch (e) {
      // Declined the privacy guide (WeChat's errno 104): say so; a plain cancel says nothing.
      if (isPrivacyRefusal(e)) setErrors([PRIVACY_DECLINED.file]);
    }
  }

  return (
    <View className='evidence-picker'>
      {h5 ? (
        <label className='file-pick' htmlFor={inputId}>
          <Text className='file-pick__button'>选择文件</Text>
          <Text className='muted'>{hint}</Text>
          <input
            id={inputId}
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
          <Button size='small' fill='outline' id='pick-chat-file' onClick={() => void pickWeapp('file')}>
            从聊天选择文件
          </Button>
          <Button size='small' fill='outline' id='pick-image' onClick={() => void pickWeapp('image')}>
            拍照或相册
          </Button>
        </View>
      )}
      <View className='files' id='evidence-list'>
        {sending.map((s) => (
          <View key={`sending-${s.name}`} className='files__item files__item--sending' data-percent={s.percent}>
            <View className='files__name'>
              <Text>{s.name}</Text>
              <Text className='muted'>
                {fileKind(s.type)} · {formatBytes(s.size)} · 上传中 {s.percent}%
              </Text>
              <View className='files__bar'>
                <View className='files__bar-fill' style={{ width: `${s.percent}%` }} />
              </View>
            </View>
          </View>
        ))}
        {files.map((f) => (
          <View key={f.id} className='files__item' data-evidence-id={f.id}>
            <View className='files__name'>
              <Text>{f.filename}</Text>
              <Text className='muted'>
                {fileKind(f.contentType)} · {formatBytes(f.sizeBytes)} · 已上传
              </Text>
            </View>
            <Text className='text-link files__remove' onClick={() => onChange(files.filter((x) => x.id !== f.id))}>
              移除
            </Text>
          </View>
        ))}
      </View>
      {sending.length > 0 && (
        <View className='muted files__uploading' id='evidence-uploading'>
          正在上传，请稍候…
        </View>
      )}
      {errors.map((m) => (
        <View key={m} className='field__message upload-error'>
          {m}
        </View>
      ))}
      {!h5 && <PrivacyPopup />}
    </View>
  );
}
