import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { LAB_LEVEL_LABELS, OPEN_UNIT_KIND_LABELS, PRICE_UNIT_LABELS, PRIORITY_FIELD_LABELS, SERVICE_CATEGORY_LABELS, UNIT_APPLICATION_CONDITIONS, UNIT_APPLICATION_CONDITION_LABELS, formatFen } from '@kcq/shared';
import { PAGES, toast, withQuery } from '../components/nav';
import { evaluationApi } from '../services/evaluationApi';
import { errorLine } from '../services/errors';
import type { UnitApplicationView } from '../services/evaluationTypes';
import { formatBeijing } from '../logic/clock';
import { formatBytes } from '../logic/contracts';
import '../admin/components/admin.scss';
import '../review/components/review.scss';
import '../evaluation/components/evaluation.scss';

const EVENT_LABELS: Record<UnitApplicationView['history'][number]['event'], string> = {
  submitted: '提交申请',
  info_requested: '管理部门要求补充材料',
  resubmitted: '补充后重新提交',
  approved: '审核通过，进入公示',
  refused: '未通过审核',
  objection_lodged: '公示期间收到异议',
  objection_dismissed: '异议经核查不成立',
  objection_upheld: '异议经核查成立，退回审核',
  joined: '公示期满，纳入开放单位名录',
};

export const STATUS_TAG: Record<UnitApplicationView['status'], string> = {
  submitted: 'review-tag',
  info_requested: 'review-tag review-tag--warn',
  in_notice: 'review-tag',
  joined: 'review-tag review-tag--ok',
  refused: 'review-tag review-tag--bad',
};

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='facts__row'>
      <Text className='facts__label'>{label}</Text>
      <Text className='facts__value'>{value}</Text>
    </View>
  );
}

/** The whole application as sent: organisation, the six conditions with files, instruments, contact; its history. */
export function ApplicationDetail({ a }: { a: UnitApplicationView }) {
  const files = new Map(a.files.map((f) => [f.id, f]));
  const open = (id: string) => {
    const f = files.get(id);
    if (f) void evaluationApi.openApplicationFile(a.id, f).catch((e: unknown) => toast(e instanceof Error ? e.message : errorLine(e)));
  };
  return (
    <>
      <View className='card facts' id='application-facts'>
        <Row label='统一社会信用代码' value={a.creditCode} />
        <Row label='单位类型' value={OPEN_UNIT_KIND_LABELS[a.kind]} />
        <Row label='注册所在区' value={a.district} />
        <Row label='重点领域' value={a.fields.map((f) => PRIORITY_FIELD_LABELS[f]).join('、')} />
        <Row label='实验室' value={`${a.lab.name}（${LAB_LEVEL_LABELS[a.lab.level]}）`} />
        <Row label='联系人' value={`${a.contact.name} ${a.contact.phone}${a.contact.email ? ` ${a.contact.email}` : ''}`} />
      </View>
      <View className='section-title'>
        <Text>申请条件（第六条）</Text>
      </View>
      <View className='form-card' id='application-conditions'>
        {UNIT_APPLICATION_CONDITIONS.map((k, n) => (
          <View key={k} className='review-row' data-condition={k}>
            <View className='review-row__main'>
              <View>
                {n + 1}. {UNIT_APPLICATION_CONDITION_LABELS[k]}
              </View>
              <View className='review-row__sub'>{a.conditions[k].statement}</View>
              {a.conditions[k].fileIds.map((id) => (
                <View key={id} className='text-link application-file' data-file-id={id} onClick={() => open(id)}>
                  {files.get(id)?.filename ?? '证明材料'}（{formatBytes(files.get(id)?.size ?? 0)}）查看 ›
                </View>
              ))}
            </View>
          </View>
        ))}
      </View>
      <View className='section-title'>
        <Text>拟开放的仪器设备</Text>
        <Text className='muted' id='application-total'>
          原值合计 {formatFen(a.totalOriginalValueFen)}
        </Text>
      </View>
      <View className='form-card' id='application-instruments'>
        {a.instruments.map((i, n) => (
          <View key={n} className='review-row'>
            <View className='review-row__main'>
              <View>{i.name}</View>
              <View className='review-row__sub'>
                {[i.model, i.maker].filter(Boolean).join(' · ') || '型号未填'} · {SERVICE_CATEGORY_LABELS[i.category]}
                {i.compute ? ` · ${i.compute.gpuModel} ${i.compute.cards} 卡` : ''}
              </View>
              <View className='review-row__sub'>
                拟收费 {formatFen(i.priceFen, { unit: false })} {PRICE_UNIT_LABELS[i.priceUnit]} · 服务周期 {i.leadTimeDays} 天
              </View>
            </View>
            <Text>{formatFen(i.originalValueFen)}</Text>
          </View>
        ))}
      </View>
      {a.notice && (
        <View className='card link-card' id='application-notice' onClick={() => void Taro.navigateTo({ url: withQuery(PAGES.notice, { id: a.notice!.noticeId }) })}>
          <View className='link-card__main'>
            <View className='link-card__title'>入库公示</View>
            <View className='link-card__sub'>
              {a.notice.startDay} 至 {a.notice.endDay}
            </View>
          </View>
          <Text className='eval-link'>查看公示 ›</Text>
        </View>
      )}
      <View className='section-title'>
        <Text>办理记录</Text>
      </View>
      <View className='card' id='application-history'>
        {a.history.map((h, n) => (
          <View key={n} className='eval-history'>
            {formatBeijing(h.at)} {EVENT_LABELS[h.event]}
            {h.message ? `：${h.message}` : ''}
          </View>
        ))}
      </View>
    </>
  );
}
