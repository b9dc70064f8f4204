/**
 * The support plan workbook (第十四条) for the finance office, as the payment batch export (payments/xlsx.ts):
 * one row per open unit — class, grade, mean score, third-party agency, ceiling, subsidy, reduction reason,
 * status — and a total of the subsidies not withdrawn. Fen become yuan only here, two decimals; Chinese headers.
 */
import ExcelJS from 'exceljs';
import { EVALUATION_CLASS_LABELS, type PlanLineStatus, type SupportPlanView } from '@kcq/shared';

export const PLAN_HEADERS = ['开放单位', '类别', '考核等级', '平均分', '第三方检测机构', '补助上限（元）', '补助金额（元）', '核减理由', '状态'];

const STATUS_LABELS: Readonly<Record<PlanLineStatus, string>> = {
  planned: '拟支持',
  listed: '公示中',
  held: '有异议，核查中',
  cleared: '公示期满无异议',
  withdrawn: '异议成立，不予支持',
  paid: '已拨付',
};

const YUAN = '#,##0.00';
const yuan = (fen: number) => Math.round(fen) / 100;

export async function planWorkbook(meta: { title: string; year: number }, plan: SupportPlanView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '首都科技创新券平台';
  const ws = wb.addWorksheet('支持方案');
  ws.addRow([`${meta.title}（${meta.year} 年度）支持方案`]);
  ws.addRow(PLAN_HEADERS).font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = [28, 8, 10, 10, 14, 16, 16, 28, 16][i]));
  for (const l of [...plan.lines].sort((a, b) => a.unitName.localeCompare(b.unitName, 'zh'))) {
    const row = ws.addRow([
      l.unitName,
      EVALUATION_CLASS_LABELS[l.class],
      l.gradeLabel,
      l.meanScore,
      l.thirdPartyAgency ? '是' : '否',
      yuan(l.ceilingFen),
      yuan(l.subsidyFen),
      l.reductionReason ?? '',
      STATUS_LABELS[l.status],
    ]);
    row.getCell(6).numFmt = YUAN;
    row.getCell(7).numFmt = YUAN;
  }
  const total = ws.addRow(['合计', '', '', '', '', '', yuan(plan.totalFen)]);
  total.font = { bold: true };
  total.getCell(7).numFmt = YUAN;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
