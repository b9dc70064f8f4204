/**
 * Applicant profiles (申领单位, 第五条/第七条): the shapes the BFF's `POST /api/eligibility/check` accepts
 * and the mini-program's forms produce.
 *
 * The schemas check SHAPE (types, ranges, required fields, no unknown keys — every object is strict so a
 * typo in a field name surfaces as an error instead of being dropped). They deliberately accept facts
 * that make an applicant ineligible (a company older than 5 years, `isLegalPerson: true`, an invalid
 * credit code…): `checkEligibility` turns those into failures that cite the clause, which a form can show
 * next to the field. Messages are Chinese.
 */
import { z } from 'zod';
import { isIsoDay } from './calendar';
import { OTHER_FIELD, PRIORITY_FIELDS } from './fields';
import { textSchema } from '../text';

const unknownKeys = {
  error: (issue: { code?: string; keys?: readonly string[] }) =>
    issue.code === 'unrecognized_keys' ? `不支持的字段：${(issue.keys ?? []).join('、')}` : undefined,
};

/** Free text (names, addresses…): normalised and refused as shared/src/text.ts says. */
function text(label: string, max: number) {
  return textSchema(label, { max });
}

function optionalText(label: string, max: number) {
  return textSchema(label, { max, required: false });
}

function yesNo(label: string) {
  return z.boolean({ error: `请选择${label}` });
}

function count(label: string) {
  return z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}应为整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${label}过大` });
}

function fen(label: string) {
  return z
    .number({ error: `请填写${label}` })
    .int({ error: `${label}应以“分”为单位的整数` })
    .min(0, { error: `${label}不能为负数` })
    .max(Number.MAX_SAFE_INTEGER, { error: `${label}过大` });
}

/** A calendar day `YYYY-MM-DD` that exists (2026-02-30 does not). */
export const isoDaySchema = z
  .string({ error: '请填写日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日期格式应为 YYYY-MM-DD' })
  .refine(isIsoDay, { error: '日期不存在' });

export const ENTERPRISE_NAME_MAX = 100;

export const enterpriseProfileSchema = z
  .strictObject(
    {
      kind: z.literal('enterprise'),
      name: text('企业名称', ENTERPRISE_NAME_MAX),
      /** Validated for meaning by checkEligibility (CREDIT_CODE_INVALID), so the check can cite a clause. */
      creditCode: text('统一社会信用代码', 40),
      registeredInBeijing: yesNo('是否在北京地区注册'),
      registeredOn: isoDaySchema,
      independentLegalPerson: yesNo('是否具有独立法人资格'),
      employees: count('职工总数'),
      annualRevenueFen: fen('年销售收入'),
      totalAssetsFen: fen('资产总额'),
      soundFinance: yesNo('是否具有健全的财务机构和管理制度'),
      noBadCreditRecord: yesNo('是否无不良诚信记录'),
      priorityField: z.enum([...PRIORITY_FIELDS, OTHER_FIELD], { error: '请选择主营业务所属领域' }),
      /** Required when priorityField is "other": what the main business is. */
      otherFieldDescription: optionalText('其他领域说明', 200).optional(),
      highTechCertified: yesNo('是否持有有效的国家或中关村高新技术企业认定'),
      /** Year of the latest tech-SME listing (科技型中小企业评价入库), or null when never listed. */
      techSmeListedYear: z
        .number({ error: '科技型中小企业入库年份应为年份数字' })
        .int({ error: '科技型中小企业入库年份应为整数' })
        .min(2000, { error: '科技型中小企业入库年份不正确' })
        .max(2100, { error: '科技型中小企业入库年份不正确' })
        .nullable()
        .default(null),
    },
    unknownKeys,
  )
  .superRefine((profile, ctx) => {
    if (profile.priorityField === OTHER_FIELD && !profile.otherFieldDescription) {
      ctx.addIssue({ code: 'custom', message: '选择“其他领域”时请说明主营业务方向', path: ['otherFieldDescription'] });
    }
  });

export const PROJECT_STAGES = ['planning', 'rnd', 'testing'] as const;
export type ProjectStage = (typeof PROJECT_STAGES)[number];
export const PROJECT_STAGE_LABELS: Readonly<Record<ProjectStage, string>> = {
  planning: '创业策划阶段',
  rnd: '已开展产品研发',
  testing: '已开展研发及转化所需的测试',
};

export const teamMemberSchema = z
  .strictObject(
    {
      name: text('成员姓名', 50),
      school: optionalText('学校', 100),
      studentId: optionalText('学号', 50),
      enrolled: yesNo('是否为在校学生'),
    },
    unknownKeys,
  )
  .superRefine((member, ctx) => {
    if (!member.enrolled) return;
    if (!member.school) ctx.addIssue({ code: 'custom', message: '在校学生请填写学校', path: ['school'] });
    if (!member.studentId) ctx.addIssue({ code: 'custom', message: '在校学生请填写学号', path: ['studentId'] });
  });

/** A team has its leader plus at most this many other members. */
export const TEAM_MEMBERS_MAX = 49;

export const teamProfileSchema = z.strictObject(
  {
    kind: z.literal('team'),
    name: text('团队名称', 100),
    /** Must be false to be eligible (第七条第二款第一项); accepted here so the check can say why. */
    isLegalPerson: yesNo('团队是否具备法人资格'),
    /** Must be false to be eligible (第七条第二款第一项). */
    hasRegisteredCompany: yesNo('是否已注册企业'),
    leader: teamMemberSchema,
    /** The other members, the leader excluded. */
    members: z
      .array(teamMemberSchema, { error: '请填写团队成员列表' })
      .max(TEAM_MEMBERS_MAX, { error: `团队成员（不含负责人）不能超过${TEAM_MEMBERS_MAX}人` }),
    projectName: text('项目名称', 100),
    projectStage: z.enum(PROJECT_STAGES, { error: '请选择项目所处阶段' }),
  },
  unknownKeys,
);

export const applicantProfileSchema = z.discriminatedUnion('kind', [enterpriseProfileSchema, teamProfileSchema], {
  error: (issue: { code?: string }) =>
    issue.code === 'invalid_union' ? '请选择申领主体类型：企业（enterprise）或创业团队（team）' : undefined,
});

export type EnterpriseProfile = z.infer<typeof enterpriseProfileSchema>;
export type TeamMember = z.infer<typeof teamMemberSchema>;
export type TeamProfile = z.infer<typeof teamProfileSchema>;
export type ApplicantProfile = z.infer<typeof applicantProfileSchema>;
export type ApplicantKind = ApplicantProfile['kind'];
/** What a form may send (techSmeListedYear may be omitted). */
export type ApplicantProfileInput = z.input<typeof applicantProfileSchema>;

/** A ZodError flattened for a form or an API answer: dotted field path → first Chinese message. */
export function profileIssues(error: z.ZodError): { field: string; message: string }[] {
  const seen = new Set<string>();
  const out: { field: string; message: string }[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.');
    if (seen.has(field)) continue;
    seen.add(field);
    out.push({ field, message: issue.message });
  }
  return out;
}
