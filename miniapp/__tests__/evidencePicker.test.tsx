/** @jest-environment jsdom */
/**
 * components/EvidencePicker.tsx rendered with React: what a lab's staff member sees while attaching the
 * evidence of a redemption (第十五条3), on weapp (chooseMessageFile) and H5 (<input type=file>) alike —
 * each file with its name, size and type, a real upload percentage while it is sent, removable once
 * uploaded, and a refused file saying why. `api.uploadEvidence` is the controlled fake below.
 */
import '@testing-library/jest-dom';
import { useState } from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import EvidencePicker from '../components/EvidencePicker';
import { api, type UploadSource } from '../services/api';
import type { EvidenceView } from '../services/types';

jest.mock('../services/api', () => ({ api: { uploadEvidence: jest.fn() } }));

const upload = api.uploadEvidence as jest.MockedFunction<typeof api.uploadEvidence>;

const stored = (id: string, filename: string, sizeBytes: number, contentType: EvidenceView['contentType'] = 'application/pdf'): EvidenceView => ({
  id,
  filename,
  contentType,
  sizeBytes,
  sha256: 'a'.repeat(64),
  uploadedAt: '2026-11-21T04:00:00.000Z',
  redemptionId: null,
});

/** The page's side: it keeps the list, as staff/redeem does. */
function Host({ h5, busy }: { h5: boolean; busy?: (b: boolean) => void }) {
  const [files, setFiles] = useState<EvidenceView[]>([]);
  return <EvidencePicker contractId='ct_1' files={files} onChange={setFiles} onBusy={busy} h5={h5} />;
}

/** An upload the test finishes by hand, after reporting progress through the picker's callback. */
function pendingUpload() {
  let finish: (value: Awaited<ReturnType<typeof api.uploadEvidence>>) => void = () => undefined;
  let progress: ((name: string, percent: number) => void) | undefined;
  let sent: UploadSource[] = [];
  upload.mockImplementationOnce((_id, files, onProgress) => {
    sent = files;
    progress = onProgress;
    return new Promise((resolve) => {
      finish = resolve;
    });
  });
  return { finish: (v: Awaited<ReturnType<typeof api.uploadEvidence>>) => finish(v), progress: (n: string, p: number) => progress?.(n, p), sent: () => sent };
}

afterEach(() => {
  upload.mockReset();
  jest.restoreAllMocks();
});

describe('the evidence picker', () => {
  test('weapp: files chosen from a chat are sent with their percentage, then listed with name, size and type, and removable', async () => {
    const u = pendingUpload();
    jest.spyOn(Taro, 'chooseMessageFile').mockResolvedValue({
      errMsg: 'chooseMessageFile:ok',
      tempFiles: [{ path: 'wxfile://tmp_1.pdf', name: '技术服务合同.pdf', size: 2 * 1024 * 1024, time: 0, type: 'file' }],
    });
    const busy = jest.fn();
    render(<Host h5={false} busy={busy} />);

    await act(async () => {
      fireEvent.click(screen.getByText('从聊天选择文件'));
    });
    // Sent by its temporary path, under the name the user picked.
    expect(u.sent()).toEqual([{ path: 'wxfile://tmp_1.pdf', name: '技术服务合同.pdf', size: 2 * 1024 * 1024, type: '' }]);
    expect(busy).toHaveBeenLastCalledWith(true);
    const list = document.querySelector('#evidence-list') as HTMLElement;
    expect(list).toHaveTextContent('技术服务合同.pdf');
    expect(list).toHaveTextContent('PDF 文件 · 2.0 MB · 上传中 0%');

    // The platform reports bytes sent: the row shows that percentage.
    await act(async () => u.progress('技术服务合同.pdf', 37));
    expect(list).toHaveTextContent('上传中 37%');
    expect(document.querySelector('.files__item--sending')).toHaveAttribute('data-percent', '37');

    await act(async () => u.finish({ stored: [stored('ev_1', '技术服务合同.pdf', 2 * 1024 * 1024)], refused: [] }));
    expect(busy).toHaveBeenLastCalledWith(false);
    const row = document.querySelector('[data-evidence-id="ev_1"]') as HTMLElement;
    expect(row).toHaveTextContent('技术服务合同.pdf');
    expect(row).toHaveTextContent('PDF 文件 · 2.0 MB · 已上传');
    expect(list).not.toHaveTextContent('上传中');

    fireEvent.click(within(row).getByText('移除'));
    expect(document.querySelector('[data-evidence-id="ev_1"]')).toBeNull();
  });

  test('H5: a file input pick goes the same way; a wrong type or an oversized file is refused before sending, with the reason', async () => {
    const u = pendingUpload();
    render(<Host h5 />);
    const input = document.querySelector('#evidence-input') as HTMLInputElement;
    const photo = new File([new Uint8Array(300 * 1024)], '检测现场.png', { type: 'image/png' });
    const notes = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    const huge = new File([new Uint8Array(11 * 1024 * 1024)], '扫描件.pdf', { type: 'application/pdf' });
    await act(async () => {
      fireEvent.change(input, { target: { files: [photo, notes, huge] } });
    });
    // Only the photo is sent; the two others say why, under the picker.
    expect(u.sent().map((f) => f.name)).toEqual(['检测现场.png']);
    expect(screen.getByText('「notes.txt」类型不支持：仅限 PDF、JPEG、PNG')).toBeInTheDocument();
    expect(screen.getByText('「扫描件.pdf」11.0 MB，超过 10 MB')).toBeInTheDocument();
    await act(async () => u.progress('检测现场.png', 100));
    expect(document.querySelector('#evidence-list')).toHaveTextContent('图片 · 300 KB · 上传中 100%');

    await act(async () => u.finish({ stored: [stored('ev_2', '检测现场.png', 300 * 1024, 'image/png')], refused: [] }));
    expect(document.querySelector('[data-evidence-id="ev_2"]')).toHaveTextContent('图片 · 300 KB · 已上传');
  });

  test('a file the server refuses is named with its reason, and nothing is listed for it', async () => {
    const u = pendingUpload();
    jest.spyOn(Taro, 'chooseMessageFile').mockResolvedValue({ errMsg: 'ok', tempFiles: [{ path: 'wxfile://tmp_2.pdf', name: '发票.pdf', size: 1000, time: 0, type: 'file' }] });
    render(<Host h5={false} />);
    await act(async () => {
      fireEvent.click(screen.getByText('从聊天选择文件'));
    });
    await act(async () => u.finish({ stored: [], refused: [{ name: '发票.pdf', error: new Error('x') }] }));
    expect(document.querySelector('.upload-error')).toHaveTextContent('「发票.pdf」未上传');
    expect(document.querySelector('[data-evidence-id]')).toBeNull();
  });
});
