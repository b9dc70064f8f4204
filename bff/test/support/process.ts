import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const BFF_DIR = path.resolve(__dirname, '../..');

export type StartScript = 'start' | 'start:prod';

/**
 * The node arguments of `npm start` (bff/package.json), so that tests and benchmarks run the process
 * exactly as it is started: `node --max-semi-space-size=64 --import tsx src/main.ts` → everything
 * after `node`. (The larger young generation is a third fewer GC cycles in the claim burst.)
 * `start:prod` is the compiled entry, `node --max-semi-space-size=64 dist/main.js` (`npm run build`).
 */
export function startArgs(script: StartScript = 'start'): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(BFF_DIR, 'package.json'), 'utf8')) as { scripts: Record<StartScript, string> };
  const [node, ...args] = scripts[script].split(/\s+/);
  if (node !== 'node') throw new Error(`bff ${script} script should begin with node: ${scripts[script]}`);
  return args;
}

/** The V8/node flags of a start script, without the TypeScript loader and the entry file. */
export function nodeFlags(script: StartScript = 'start'): string[] {
  const args = startArgs(script).slice(0, -1);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--import' && args[i + 1] === 'tsx') i++;
    else out.push(args[i]);
  }
  return out;
}

/** The same node flags (and tsx loader) for another entry script, e.g. the benchmark's bare server. */
export function startArgsFor(entry: string): string[] {
  return [...startArgs().slice(0, -1), entry];
}

export interface BffProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the real process entry as `npm start` does and waits for the URL it prints. */
export async function startBff(
  env: Record<string, string>,
  timeoutMs = 30_000,
  nodeArgs: string[] = [],
  script: StartScript = 'start',
): Promise<BffProcess> {
  const child = spawn(process.execPath, [...nodeArgs, ...startArgs(script)], {
    cwd: BFF_DIR,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  child.stderr.on('data', (d) => (out += String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`BFF did not start:\n${out}`)), timeoutMs);
    const check = () => {
      const m = /open (http:\/\/[^/\s]+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`BFF exited before listening:\n${out}`));
    });
  });
  return { child, url, output: () => out, exited };
}
