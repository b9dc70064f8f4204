/** Helpers for the joining and evaluation suites (第六条, 第十一、十四条). */
import type { World } from '../contracts/world';
import { creditCode } from '../support/identity';

/** A complete unit application (第六条), Beijing credit code; `over` replaces top-level fields. */
export function applicationBody(n: number, over: Record<string, unknown> = {}) {
  const condition = (statement: string, fileIds: string[] = []) => ({ statement, fileIds });
  return {
    name: `北京新材料测试中心${n}`,
    creditCode: creditCode(700 + n),
    kind: 'enterprise',
    district: '海淀区',
    fields: ['new_materials'],
    lab: { name: `先进材料表征实验室${n}`, level: 'other' },
    conditions: {
      legal_person: condition('在海淀区注册的独立法人企业'),
      open_instruments: condition('拥有场发射扫描电镜等仪器，可对外开放'),
      service_team: condition('专职技术人员12人'),
      high_end_industries: condition('服务新材料、新能源企业'),
      service_rules: condition('有服务规范和收费标准'),
      finance_credit: condition('财务制度健全，近三年无不良信用记录'),
    },
    instruments: [
      { name: `场发射扫描电镜${n}`, model: 'Regulus 8100', maker: '日立', originalValueYuan: 3_200_000.5, category: 'analysis', priceYuan: 450, priceUnit: 'sample' },
      { name: `高分辨透射电镜${n}`, model: 'Talos F200X', maker: '赛默飞', originalValueYuan: 8_000_000, category: 'testing', priceYuan: 1200.25, priceUnit: 'hour', leadTimeDays: 7 },
    ],
    contact: { name: '赵工', phone: '010-62345678', email: 'lab@example.com' },
    ...over,
  };
}

export const declarationBody = (over: Record<string, unknown> = {}) => ({
  openedInstrumentValueYuan: 6_000_000,
  instrumentHours: 3200,
  sharedHours: 1800,
  opennessRules: '制定了《大型仪器开放共享管理办法》，网上预约。',
  serviceQuality: '用户满意度调查 96%，报告按期出具率 99%。',
  effect: '服务企业 85 家。',
  thirdPartyAgency: false,
  ...over,
});

/** Every criterion the same score. */
export const flat = (n: number) => ({
  instrument_operation: n,
  openness_rules: n,
  degree_of_openness: n,
  service_quality: n,
  voucher_implementation: n,
  effect: n,
});

export type { World };
