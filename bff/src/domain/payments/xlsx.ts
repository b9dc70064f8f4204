/**
 * The payment batch workbook for the finance office (第十五条5): one row per redemption — open unit,
 * contract number, applicant, service, actual amount, payable amount, approval date, notice dates — with a
 * subtotal per open unit and a grand total. Amounts are converted from integer fen to yuan only here,
 * shown with two decimals; headers are Chinese.
 */
import ExcelJS from 'exceljs';

export interface BatchRow {
  unitName: string;
  contractNo: string;
  applicantName: string;
  serviceName: string;
  actualAmountFen: number;
  payableFen: number;
  approvedDay: string;
  noticeStartDay: string;
  noticeEndDay: string;
}

export const BATCH_HEADERS = ['开放单位', '合同编号', '申领单位', '服务项目', '合同实际金额（元）', '拨付金额（元）', '评审通过日期', '公示开始日', '公示结束日'];

const YUAN = '#,##0.00';
/** Fen → yuan for a cell: exact to the cent (integer fen / 100 has at most two decimals). */
const yuan = (fen: number) => Math.round(fen) / 100;

export async function batchWorkbook(meta: { title: string; fundsYear: number }, rows: BatchRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '首都科技创新券平台';
  const ws = wb.addWorksheet('拨付明细');
  ws.addRow([`${meta.title}（${meta.fundsYear} 年度资金）`]);
  const header = ws.addRow(BATCH_HEADERS);
  header.font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = [24, 18, 24, 24, 18, 16, 14, 14, 14][i]));
  const units = [...new Set(rows.map((r) => r.unitName))].sort();
  let actualTotal = 0;
  let payableTotal = 0;
  for (const unit of units) {
    let actual = 0;
    let payable = 0;
    for (const r of rows.filter((x) => x.unitName === unit)) {
      const row = ws.addRow([r.unitName, r.contractNo, r.applicantName, r.serviceName, yuan(r.actualAmountFen), yuan(r.payableFen), r.approvedDay, r.noticeStartDay, r.noticeEndDay]);
      row.getCell(5).numFmt = YUAN;
      row.getCell(6).numFmt = YUAN;
      actual += r.actualAmountFen;
      payable += r.payableFen;
    }
    const sub = ws.addRow([`${unit} 小计`, '', '', '', yuan(actual), yuan(payable)]);
    sub.font = { bold: true };
    sub.getCell(5).numFmt = YUAN;
    sub.getCell(6).numFmt = YUAN;
    actualTotal += actual;
    payableTotal += payable;
  }
  const total = ws.addRow(['合计', '', '', '', yuan(actualTotal), yuan(payableTotal)]);
  total.font = { bold: true };
  total.getCell(5).numFmt = YUAN;
  total.getCell(6).numFmt = YUAN;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
