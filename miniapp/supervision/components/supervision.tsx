import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { CASE_STATUS_LABELS, type CaseStatus } from '@kcq/shared';
import type { CaseParty } from '../../services/supervisionTypes';
import '../../review/components/review.scss';
// The evidence picker's look (its button in the app's words, the files with their progress).
import '../../staff/components/staff.scss';
import './supervision.scss';

export { refusal } from '../../review/components/review';

/** A toggle chip (44 px to a thumb): a misconduct kind, a measure, an item concerned. */
export function Pick({ on, onClick, className = '', block, note, data, children }: { on: boolean; onClick: () => void; className?: string; block?: boolean; note?: string; data?: string; children: ReactNode }) {
  return (
    <View className={`pick ${on ? 'pick--on' : ''} ${block ? 'pick--block' : ''} ${className}`} data-code={data} data-on={String(on)} onClick={onClick}>
      <Text>{children}</Text>
      {note && <Text className='pick__note'>{note}</Text>}
    </View>
  );
}

export const toggle = <T,>(list: T[], v: T): T[] => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]);

const STATUS_TAG: Record<CaseStatus, string> = { open: 'review-tag--warn', decided: 'review-tag--bad', appealed: 'review-tag--warn', revised: 'review-tag--ok' };

export function CaseStatusTag({ status }: { status: CaseStatus }) {
  return <Text className={`review-tag ${STATUS_TAG[status]}`}>{CASE_STATUS_LABELS[status]}</Text>;
}

/** 申领单位「…」 / 开放单位「…」. */
export function partyLabel(p: CaseParty): string {
  return `${p.kind === 'applicant' ? '申领单位' : '开放单位'}「${p.name}」`;
}

/** The last characters of a record number, as people read it on the phone. */
export const shortNo = (id: string) => id.slice(-6).toUpperCase();
