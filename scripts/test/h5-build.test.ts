// eslint-disable-next-line @typescript-eslint/no-require-imports
const { currentInputs, staleReason } = require('../h5-build') as {
  currentInputs: () => Record<string, string>;
  staleReason: (inputs: Record<string, string>, stamp: unknown, outputExists?: boolean) => string | undefined;
};

describe('h5-build: when npm start may reuse dist/h5', () => {
  const inputs = currentInputs();

  it('records the sources, config, shared code and dependencies the Taro build reads, not the tests', () => {
    const names = Object.keys(inputs);
    for (const expected of ['miniapp/app.config.ts', 'config/index.ts', 'shared/src', 'package-lock.json', 'babel.config.js']) {
      expect(names.some((n) => n.startsWith(expected))).toBe(true);
    }
    expect(names.filter((n) => n.includes('__tests__') || n.endsWith('.test.ts') || n.startsWith('shared/test/'))).toEqual([]);
  });

  it('reuses a build whose inputs are unchanged', () => {
    expect(staleReason(inputs, { builtAt: 'x', inputs: { ...inputs } }, true)).toBeUndefined();
  });

  it('names what changed: a source file, a dependency, a removed file', () => {
    const changed = { ...inputs, 'miniapp/app.config.ts': 'different', 'package-lock.json': 'different' };
    expect(staleReason(inputs, { builtAt: 'x', inputs: changed }, true)).toBe(
      'changed since the last build: miniapp/app.config.ts, package-lock.json',
    );
    expect(staleReason(inputs, { builtAt: 'x', inputs: { ...inputs, 'miniapp/gone.tsx': 'h' } }, true)).toBe(
      'changed since the last build: miniapp/gone.tsx',
    );
  });

  it('rebuilds when the API base the app is built with changes', () => {
    const before = process.env.TARO_APP_API_BASE;
    process.env.TARO_APP_API_BASE = 'https://api.example.invalid';
    try {
      const reason = staleReason(currentInputs(), { builtAt: 'x', inputs }, true);
      expect(reason).toContain('environment TARO_APP_*');
    } finally {
      if (before === undefined) delete process.env.TARO_APP_API_BASE;
      else process.env.TARO_APP_API_BASE = before;
    }
  });

  it('builds when there is no build or no record of one', () => {
    expect(staleReason(inputs, { builtAt: 'x', inputs }, false)).toBe('no build in dist/h5 yet');
    expect(staleReason(inputs, undefined, true)).toBe('no record of what dist/h5 was built from');
  });
});
