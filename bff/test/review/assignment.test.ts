/**
 * 第十五条4 Decision: panels of an odd size, matching fields first, balanced load, and never an expert tied
 * to the subject's open unit or applicant (recusal) — boundary cases of the pure assignment.
 */
import { assignPanels, recusalReasons, type Candidate, type ReviewSubject } from '../../src/domain/experts/assignment';
import { againstPanel, panelOpinion } from '../../src/domain/review/panel';

const subject = (id: string, fields = ['new_materials']): ReviewSubject => ({
  id,
  fields,
  parties: [
    { kind: 'open_unit', id: 'ou_X', name: '开放单位X' },
    { kind: 'applicant', id: 'ap_A', name: '北京智感科技有限公司' },
  ],
});
const expert = (id: string, over: Partial<Candidate> = {}): Candidate => ({ id, name: id, organisation: `${id}研究院`, fields: ['new_materials'], ties: [], load: 0, ...over });

describe('recusal (第十五条4)', () => {
  test.each([
    ['works at the open unit (own organisation)', expert('e', { organisation: '开放单位X' }), ['任职于开放单位「开放单位X」']],
    ['tie to the unit by id', expert('e', { ties: [{ kind: 'open_unit', id: 'ou_X', name: '别名', relation: '合作' }] }), ['与开放单位「开放单位X」存在关联（合作）']],
    ['tie to the applicant by name, surrounding spaces ignored', expert('e', { ties: [{ kind: 'organisation', id: null, name: ' 北京智感科技有限公司 ', relation: '持股' }] }), ['与申领单位「北京智感科技有限公司」存在关联（持股）']],
    ['a similar but different name is no tie', expert('e', { ties: [{ kind: 'organisation', id: null, name: '北京智感科技', relation: '合作' }] }), []],
    ['a tie to another unit is no tie', expert('e', { ties: [{ kind: 'open_unit', id: 'ou_Y', name: '开放单位Y', relation: '任职' }] }), []],
  ])('%s', (_name, e, reasons) => {
    expect(recusalReasons(e, subject('s'))).toEqual(reasons);
  });

  test('a tied expert is never assigned, even when it leaves exactly the panel size; one fewer is PANEL_UNAVAILABLE', () => {
    const tied = expert('e0', { organisation: '开放单位X', load: -100 });
    const [a] = assignPanels([subject('s')], [tied, expert('e1'), expert('e2'), expert('e3')], 3);
    expect(a.panel.sort()).toEqual(['e1', 'e2', 'e3']);
    expect(a.excluded).toEqual([{ expertId: 'e0', name: 'e0', reasons: ['任职于开放单位「开放单位X」'] }]);
    let error: unknown;
    try {
      assignPanels([subject('s')], [tied, expert('e1'), expert('e2')], 3);
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'PANEL_UNAVAILABLE', details: { eligible: 2, panelSize: 3, excluded: [{ expertId: 'e0' }] } });
  });

  test('matching fields first, then the lightest load, spread over a round', () => {
    const pool = [expert('m1', { load: 2 }), expert('m2'), expert('o1', { fields: ['medicine_health'] }), expert('o2', { fields: ['medicine_health'] })];
    const [first, second] = assignPanels([subject('s1'), subject('s2')], pool, 1);
    expect(first.panel).toEqual(['m2']); // matches, load 0
    expect(second.panel).toEqual(['m2']); // m2 now has 1, m1 still 2: still the lightest matching
    const three = assignPanels([subject('a'), subject('b'), subject('c')], pool, 3);
    expect(three.map((x) => x.panel)).toEqual([
      ['m2', 'm1', 'o1'],
      ['m2', 'm1', 'o2'],
      ['m2', 'm1', 'o1'],
    ]);
  });
});

describe("the panel's opinion (第十五条4): the majority of an odd panel", () => {
  test.each<[string[], number, string | null]>([
    [['pass'], 3, null],
    [['pass', 'pass'], 3, 'pass'],
    [['pass', 'fail'], 3, null],
    [['pass', 'fail', 'doubtful'], 3, 'doubtful'],
    [['doubtful', 'doubtful', 'pass'], 3, 'doubtful'],
    [['fail', 'fail', 'fail', 'pass'], 5, 'fail'],
    [['fail', 'fail', 'pass', 'pass'], 5, null],
  ])('%j of %i → %s', (ops, n, expected) => {
    expect(panelOpinion(ops as never, n)).toBe(expected);
  });

  test('a decision against the panel (or, on a doubtful panel, against the hearing) needs a reason', () => {
    expect(againstPanel('approve', 'pass', null)).toBe(false);
    expect(againstPanel('reject', 'pass', null)).toBe(true);
    expect(againstPanel('approve', 'fail', null)).toBe(true);
    expect(againstPanel('approve', 'doubtful', null)).toBe(true);
    expect(againstPanel('approve', 'doubtful', 'pass')).toBe(false);
    expect(againstPanel('reject', 'doubtful', 'pass')).toBe(true);
  });
});
