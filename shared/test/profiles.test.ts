import {
  applicantProfileSchema,
  enterpriseProfileSchema,
  profileIssues,
  teamMemberSchema,
  teamProfileSchema,
} from '../src/policy/profiles';
import { PRIORITY_FIELD_LABELS, PRIORITY_FIELD_OPTIONS, PRIORITY_FIELDS, SERVICE_CATEGORY_LABELS, isPriorityField } from '../src/policy/fields';
import { enterprise, student, team } from './fixtures';

function issuesOf(result: { success: boolean; error?: unknown }) {
  if (result.success) throw new Error('expected a parse failure');
  return profileIssues(result.error as Parameters<typeof profileIssues>[0]);
}

describe('applicant profiles (第五条, 第七条)', () => {
  test('第七条第五项: exactly the five priority fields, with their Chinese labels', () => {
    expect(PRIORITY_FIELDS).toEqual([
      'new_generation_it',
      'medicine_health',
      'intelligent_manufacturing',
      'new_materials',
      'green_energy_environmental',
    ]);
    expect(PRIORITY_FIELDS.map((f) => PRIORITY_FIELD_LABELS[f])).toEqual(['新一代信息技术', '医药健康', '智能制造', '新材料', '绿色能源与节能环保']);
    expect(PRIORITY_FIELD_OPTIONS.at(-1)).toEqual({ code: 'other', label: '其他领域' });
    expect(isPriorityField('other')).toBe(false);
    expect(SERVICE_CATEGORY_LABELS).toEqual({ analysis: '分析', testing: '测试', inspection: '检验', rnd: '研发', compute: '算力' });
  });

  test('第七条: a complete enterprise profile parses; techSmeListedYear defaults to null', () => {
    const { techSmeListedYear: _omit, ...withoutYear } = enterprise();
    const parsed = applicantProfileSchema.parse(withoutYear);
    expect(parsed).toEqual(enterprise());
  });

  test('第七条: a complete team profile parses', () => {
    expect(applicantProfileSchema.parse(team())).toEqual(team());
  });

  test('第七条: unknown keys are rejected with a Chinese message (strict objects)', () => {
    const r = enterpriseProfileSchema.safeParse({ ...enterprise(), employee: 5 });
    expect(issuesOf(r)).toEqual([{ field: '', message: '不支持的字段：employee' }]);
    const m = teamMemberSchema.safeParse({ ...student('张三'), grade: 3 });
    expect(issuesOf(m)).toEqual([{ field: '', message: '不支持的字段：grade' }]);
  });

  test('第七条第三项: employees and money must be non-negative integers (fen)', () => {
    const r = enterpriseProfileSchema.safeParse({ ...enterprise(), employees: -1, annualRevenueFen: 10.5, totalAssetsFen: '100' });
    expect(issuesOf(r)).toEqual([
      { field: 'employees', message: '职工总数不能为负数' },
      { field: 'annualRevenueFen', message: '年销售收入应以“分”为单位的整数' },
      { field: 'totalAssetsFen', message: '请填写资产总额' },
    ]);
  });

  test('第七条第一项: registeredOn must be a real YYYY-MM-DD day', () => {
    expect(issuesOf(enterpriseProfileSchema.safeParse({ ...enterprise(), registeredOn: '2026-02-30' }))).toEqual([
      { field: 'registeredOn', message: '日期不存在' },
    ]);
    expect(issuesOf(enterpriseProfileSchema.safeParse({ ...enterprise(), registeredOn: '2026/01/01' }))[0]).toEqual({
      field: 'registeredOn',
      message: '日期格式应为 YYYY-MM-DD',
    });
  });

  test('第七条第五项: choosing "other" requires a description; unknown field codes are rejected', () => {
    expect(issuesOf(enterpriseProfileSchema.safeParse({ ...enterprise(), priorityField: 'other' }))).toEqual([
      { field: 'otherFieldDescription', message: '选择“其他领域”时请说明主营业务方向' },
    ]);
    expect(enterpriseProfileSchema.safeParse({ ...enterprise(), priorityField: 'other', otherFieldDescription: '餐饮' }).success).toBe(true);
    expect(issuesOf(enterpriseProfileSchema.safeParse({ ...enterprise(), priorityField: 'aerospace' }))).toEqual([
      { field: 'priorityField', message: '请选择主营业务所属领域' },
    ]);
  });

  test('第七条: missing booleans and names get Chinese messages', () => {
    const { soundFinance: _s, name: _n, ...rest } = enterprise();
    expect(issuesOf(enterpriseProfileSchema.safeParse({ ...rest, name: '   ' }))).toEqual([
      { field: 'name', message: '请填写企业名称' },
      { field: 'soundFinance', message: '请选择是否具有健全的财务机构和管理制度' },
    ]);
  });

  test('第七条第二款第二项: an enrolled member needs school and student id; a non-student does not', () => {
    expect(issuesOf(teamMemberSchema.safeParse({ name: '赵六', school: '', studentId: '', enrolled: true }))).toEqual([
      { field: 'school', message: '在校学生请填写学校' },
      { field: 'studentId', message: '在校学生请填写学号' },
    ]);
    expect(teamMemberSchema.safeParse({ name: '赵六', school: '', studentId: '', enrolled: false }).success).toBe(true);
    const r = teamProfileSchema.safeParse(team({ members: [{ name: '钱七', school: '清华大学', studentId: '', enrolled: true }] }));
    expect(issuesOf(r)).toEqual([{ field: 'members.0.studentId', message: '在校学生请填写学号' }]);
  });

  test('第七条第二款: ineligible facts are accepted by the schema (the check explains them)', () => {
    expect(teamProfileSchema.safeParse(team({ isLegalPerson: true, hasRegisteredCompany: true, projectStage: 'planning' })).success).toBe(true);
    expect(issuesOf(teamProfileSchema.safeParse({ ...team(), projectStage: 'idea' }))).toEqual([
      { field: 'projectStage', message: '请选择项目所处阶段' },
    ]);
  });

  test('第五条: the union needs kind enterprise or team', () => {
    expect(issuesOf(applicantProfileSchema.safeParse({ ...team(), kind: 'person' }))).toEqual([
      { field: 'kind', message: '请选择申领主体类型：企业（enterprise）或创业团队（team）' },
    ]);
  });
});
