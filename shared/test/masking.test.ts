import { maskName } from '../src/policy/masking';

describe('public notice name masking (第十八条 public supervision, 第九条3)', () => {
  test.each([
    ['北京智感科技有限公司', '北京智**技有限公司'],
    ['燕园材料创新团队', '燕园**创新团队'],
    ['北京中关村智能制造科技有限公司', '北京中关***制造科技有限公司'],
    ['张三', '张*'],
    ['李小明', '李*明'],
    ['王', '*'],
    ['', ''],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  test('never shows the whole name and keeps the length', () => {
    for (const name of ['甲乙', '北京示例科技有限公司', '清华大学', 'ABCDEFGHIJ']) {
      const m = maskName(name);
      expect(m).toContain('*');
      expect([...m].length).toBe([...name].length);
    }
  });
});
