/**
 * Demo data of docs/evaluation.md for `npm start`: this year's evaluation round, declaring for 30 days, and
 * one unit application waiting for an administrator (第六条). Idempotent: adds only what is missing.
 */
import { addDays, computeCreditCodeCheckChar, computeOrgCodeCheckChar, shanghaiDay, shanghaiYear } from '@kcq/shared';
import { roundInputSchema } from '../domain/evaluation';
import { unitApplicationInputSchema } from '../domain/units/joining';
import type { Services } from '../domain/services';

const DEMO_USER = 'u_demo_seed';

function demoCreditCode(): string {
  const body = 'MA01DE88';
  const first17 = `91110108${body}${computeOrgCodeCheckChar(body)}`;
  return first17 + computeCreditCodeCheckChar(first17);
}

export async function seedEvaluation(services: Services): Promise<string[]> {
  const { evaluation, unitJoining, clock } = services;
  const added: string[] = [];
  const now = clock.now();
  const year = shanghaiYear(now);
  if (!(await evaluation.rounds.list()).some((r) => r.year === year)) {
    const r = await evaluation.rounds.open(
      roundInputSchema.parse({ year, title: `${year}年度开放单位绩效考核（演示）`, declarationDeadline: addDays(shanghaiDay(now), 30), classThresholdYuan: 5_000_000 }),
      DEMO_USER,
    );
    added.push(r.title);
  }
  if (!(await unitJoining.list()).some((a) => a.userId === DEMO_USER)) {
    const condition = (statement: string) => ({ statement });
    const a = await unitJoining.apply(
      DEMO_USER,
      unitApplicationInputSchema.parse({
        name: '北京示例分析测试中心（演示）',
        creditCode: demoCreditCode(),
        kind: 'enterprise',
        district: '昌平区',
        fields: ['new_materials'],
        lab: { name: '材料分析实验室', level: 'other' },
        conditions: {
          legal_person: condition('在昌平区注册的独立法人企业'),
          open_instruments: condition('拥有X射线光电子能谱仪等仪器，可对外开放'),
          service_team: condition('专职技术人员8人'),
          high_end_industries: condition('服务新材料、集成电路企业'),
          service_rules: condition('有服务规范和收费标准'),
          finance_credit: condition('财务制度健全，近三年无不良信用记录'),
        },
        instruments: [
          { name: 'X射线光电子能谱仪', model: 'ESCALAB Xi+', maker: '赛默飞', originalValueYuan: 4_500_000, category: 'analysis', priceYuan: 800, priceUnit: 'sample' },
        ],
        contact: { name: '钱工', phone: '010-80001234', email: null },
      }),
    );
    added.push(`unit application: ${a.name}`);
  }
  return added;
}
