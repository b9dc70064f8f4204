/**
 * `npm run audit:verify --workspace bff -- <voucherId…|--all>` — verifies voucher audit chains (第十六、十八条)
 * in the configured store (MONGO_URL, or the embedded store under DATA_DIR) from each voucher's claim
 * record, and prints one line per voucher: `ok` with the entry count, or the first broken link. Exits 1
 * when a chain is broken, 2 on a usage error or an unknown voucher.
 */
import { loadConfig } from '../src/config';
import { AuditTrail } from '../src/domain/audit';
import { systemClock } from '../src/domain/clock';
import { auditReport } from '../src/domain/history';
import { VOUCHERS, type VoucherDoc } from '../src/domain/vouchers';
import { openStore, type Store } from '../src/store';

export async function verifyAudit(store: Store, args: string[], print: (line: string) => void): Promise<number> {
  const vouchers = store.collection<VoucherDoc>(VOUCHERS);
  const trail = new AuditTrail(store, systemClock);
  let ids = args.filter((a) => !a.startsWith('--'));
  if (args.includes('--all')) ids = (await vouchers.find({}, { sort: { claimedAt: 1 } })).map((v) => v._id);
  else if (ids.length === 0) {
    print('usage: verify-audit <voucherId…> | --all');
    return 2;
  }
  let code = 0;
  for (const id of ids) {
    const v = await vouchers.findById(id);
    if (!v) {
      print(`${id}\tNOT FOUND`);
      code = Math.max(code, 2);
      continue;
    }
    const { report } = await auditReport({ get: async () => v }, trail, id);
    if (report.ok) print(`${id}\tok\t${report.entries} entries\thead ${report.head}`);
    else {
      print(`${id}\tBROKEN\tat entry ${report.brokenAt} of ${report.entries}\t${report.reason}`);
      code = code === 2 ? 2 : 1;
    }
  }
  return code;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await openStore({ mongoUrl: config.MONGO_URL, dataDir: config.DATA_DIR });
  try {
    process.exitCode = await verifyAudit(store, process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
  } finally {
    await store.close();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`verify-audit: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(2);
  });
}
