import { useMemo, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Skeleton } from '@nutui/nutui-react-taro';
import { PRIORITY_FIELD_OPTIONS, PROJECT_STAGES, PROJECT_STAGE_LABELS, shanghaiDay, type ApplicantProfile } from '@kcq/shared';
import { DateField } from '../../components/DateField';
import EligibilityPanel from '../../components/EligibilityPanel';
import { Choice, FieldRow, TextInput, YesNo } from '../../components/Field';
import { PAGES, goLogin, toast } from '../../components/nav';
import { api } from '../../services/api';
import { describeError, errorLine } from '../../services/errors';
import type { ApplicantView } from '../../services/types';
import {
  emptyEnterpriseForm,
  emptyMember,
  emptyTeamForm,
  evaluateEnterprise,
  evaluateTeam,
  formFromProfile,
  messagesFor,
  serverFieldMessages,
  type EnterpriseForm,
  type MemberForm,
  type TeamForm,
} from '../../logic/profileForm';
import './index.scss';

type Kind = 'enterprise' | 'team';

const FIELD_LABELS: Record<string, string> = {
  name: '名称',
  creditCode: '统一社会信用代码',
  registeredOn: '注册成立日期',
  employees: '职工总数',
  annualRevenueFen: '年销售收入',
  totalAssetsFen: '资产总额',
  priorityField: '主营业务领域',
  otherFieldDescription: '其他领域说明',
  techSmeListedYear: '入库年份',
  leader: '负责人信息',
  members: '成员信息',
  projectName: '项目名称',
  projectStage: '项目阶段',
};

/** The earliest founding day the picker offers (a company older than the scheme's rules still answers truthfully). */
const REGISTERED_ON_FIRST = '1980-01-01';

const STAGE_OPTIONS = PROJECT_STAGES.map((code) => ({ code, label: PROJECT_STAGE_LABELS[code] }));

/**
 * The eligibility wizard and registration: enterprise profile or startup team (with its members).
 * 第七条 is checked locally on every change (shared rules); the BFF's answer is shown after saving.
 */
export default function ApplicantPage() {
  const [loaded, setLoaded] = useState(false);
  const [applicant, setApplicant] = useState<ApplicantView | null>(null);
  // 'team' when the founder said so right after signing in (pages/login: what are you here to do).
  const [kind, setKind] = useState<Kind>(() => (Taro.getCurrentInstance().router?.params.kind === 'team' ? 'team' : 'enterprise'));
  const [enterprise, setEnterprise] = useState<EnterpriseForm>(emptyEnterpriseForm);
  const [team, setTeam] = useState<TeamForm>(emptyTeamForm);
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const [newMember, setNewMember] = useState<MemberForm | null>(null);

  function adopt(a: ApplicantView | null) {
    setApplicant(a);
    if (!a) return;
    const f = formFromProfile(a.profile);
    setKind(f.kind);
    if (f.kind === 'enterprise') setEnterprise(f.form);
    else setTeam(f.form);
  }

  useDidShow(() => {
    if (!api.signedIn()) {
      void goLogin();
      return;
    }
    void api
      .me()
      .then((me) => {
        adopt(me.applicant);
        setLoaded(true);
      })
      .catch((e) => {
        toast(errorLine(e));
        setLoaded(true);
      });
  });

  const now = new Date();
  const ev = useMemo(
    () => (kind === 'enterprise' ? evaluateEnterprise(enterprise, now) : evaluateTeam(team, now)),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [kind, enterprise, team],
  );
  const [serverMessages, setServerMessages] = useState<Record<string, string[]>>({});
  const msgs = (field: string) => [...messagesFor(field, ev, touched), ...(serverMessages[field] ?? [])];
  const todo = [...new Set(ev.issues.map((i) => FIELD_LABELS[i.field.split('.')[0]] ?? i.field))];

  const setE = <K extends keyof EnterpriseForm>(k: K, v: EnterpriseForm[K]) => {
    setSaved(false);
    setServerMessages({});
    setEnterprise((f) => ({ ...f, [k]: v }));
  };
  const setT = <K extends keyof TeamForm>(k: K, v: TeamForm[K]) => {
    setSaved(false);
    setServerMessages({});
    setTeam((f) => ({ ...f, [k]: v }));
  };
  const setMember = (i: number, patch: Partial<MemberForm>) =>
    setT(
      'members',
      team.members.map((m, j) => (j === i ? { ...m, ...patch } : m)),
    );

  async function save() {
    setTouched(true);
    if (!ev.profile) {
      toast(`请先完善：${todo.join('、')}`);
      return;
    }
    setSaving(true);
    try {
      const profile = ev.profile as ApplicantProfile;
      const next = applicant ? await api.updateApplicant(applicant.id, profile) : await api.registerApplicant(profile);
      adopt(next);
      setSaved(true);
      void Taro.pageScrollTo({ scrollTop: 0, duration: 200 });
      toast(next.eligibility.eligible ? '登记成功，符合申领条件' : '已保存，暂不符合申领条件', next.eligibility.eligible ? 'success' : 'none');
    } catch (e) {
      // A refusal about fields shows on those fields.
      const onFields = serverFieldMessages(describeError(e).details);
      setServerMessages(onFields);
      toast(Object.keys(onFields).length ? '请按提示修改标红的项' : errorLine(e));
    } finally {
      setSaving(false);
    }
  }

  async function addMember() {
    if (!newMember) return;
    if (!applicant) {
      setT('members', [...team.members, newMember]);
      setNewMember(null);
      return;
    }
    try {
      const r = await api.addMember(applicant.id, {
        name: newMember.name,
        school: newMember.school,
        studentId: newMember.studentId,
        enrolled: newMember.enrolled,
      });
      adopt(r.applicant);
      setNewMember(null);
      toast('已添加成员', 'success');
    } catch (e) {
      toast(errorLine(e));
    }
  }

  async function removeMember(i: number) {
    const m = team.members[i];
    if (!applicant || !m.id) {
      setT(
        'members',
        team.members.filter((_, j) => j !== i),
      );
      return;
    }
    const { confirm } = await Taro.showModal({ title: '移除成员', content: `确定将「${m.name}」移出团队？`, confirmColor: '#d54941' });
    if (!confirm) return;
    try {
      adopt(await api.removeMember(applicant.id, m.id));
      toast('已移除成员');
    } catch (e) {
      toast(errorLine(e));
    }
  }

  if (!loaded) {
    return (
      <View className='page'>
        {[0, 1, 2].map((i) => (
          <View key={i} className='skeleton-card'>
            <Skeleton rows={3} animated />
          </View>
        ))}
      </View>
    );
  }

  const server = saved && applicant ? applicant.eligibility : null;

  return (
    <View className='page applicant'>
      {!applicant && (
        <View className='kind-picker'>
          {(
            [
              ['enterprise', '科技型中小微企业', '北京注册5年内，职工≤500人，营收与资产≤2亿元'],
              ['team', '创业团队', '尚未注册企业，以在校学生为主，项目已开展研发'],
            ] as const
          ).map(([k, title, desc]) => (
            <View
              key={k}
              id={`kind-${k}`}
              className={`kind-picker__item ${kind === k ? 'kind-picker__item--active' : ''}`}
              onClick={() => {
                setKind(k);
                setTouched(false);
              }}
            >
              <View className='kind-picker__title'>{title}</View>
              <View className='kind-picker__desc'>{desc}</View>
            </View>
          ))}
        </View>
      )}

      {server ? (
        <EligibilityPanel
          eligible={server.eligible}
          failures={server.failures}
          warnings={server.warnings}
          annualCapFen={server.annualCapFen}
          source='登记结果 · 第七条'
        />
      ) : (
        <EligibilityPanel
          eligible={ev.profile ? ev.eligible : null}
          failures={ev.failures}
          warnings={ev.warnings}
          todo={todo}
          annualCapFen={ev.annualCapFen}
          source='实时预检 · 第七条'
        />
      )}
      {server?.eligible && (
        <View className='applicant__go'>
          <Button type='primary' block size='large' id='go-claim' onClick={() => void Taro.switchTab({ url: PAGES.home })}>
            去首页领取创新券
          </Button>
        </View>
      )}

      {kind === 'enterprise' ? (
        <>
          <View className='form-card'>
            <View className='form-card__title'>企业基本信息</View>
            <FieldRow label='企业名称' required messages={msgs('name')}>
              <TextInput id='f-name' value={enterprise.name} placeholder='与营业执照一致' onChange={(v) => setE('name', v)} />
            </FieldRow>
            <FieldRow label='统一社会信用代码' required messages={msgs('creditCode')}>
              <TextInput id='f-credit' value={enterprise.creditCode} placeholder='18位' maxlength={18} onChange={(v) => setE('creditCode', v)} />
            </FieldRow>
            <FieldRow label='注册成立日期' required messages={msgs('registeredOn')} hint={`营业执照上的成立日期，可选 ${REGISTERED_ON_FIRST} 至今天`}>
              <DateField
                id='f-registered-on'
                value={enterprise.registeredOn}
                start={REGISTERED_ON_FIRST}
                end={shanghaiDay(now)}
                placeholder='请选择成立日期'
                onChange={(v) => setE('registeredOn', v)}
              />
            </FieldRow>
            <FieldRow label='在北京地区注册' messages={msgs('registeredInBeijing')}>
              <YesNo id='f-beijing' value={enterprise.registeredInBeijing} onChange={(v) => setE('registeredInBeijing', v)} />
            </FieldRow>
            <FieldRow label='具有独立法人资格' messages={msgs('independentLegalPerson')}>
              <YesNo id='f-legal' value={enterprise.independentLegalPerson} onChange={(v) => setE('independentLegalPerson', v)} />
            </FieldRow>
          </View>

          <View className='form-card'>
            <View className='form-card__title'>规模与经营（第七条第三项）</View>
            <FieldRow label='职工总数' required messages={msgs('employees')}>
              <TextInput id='f-employees' type='number' value={enterprise.employees} placeholder='≤ 500' unit='人' onChange={(v) => setE('employees', v)} />
            </FieldRow>
            <FieldRow label='年销售收入' required messages={msgs('annualRevenueFen')}>
              <TextInput id='f-revenue' type='digit' value={enterprise.revenueWan} placeholder='≤ 20000' unit='万元' onChange={(v) => setE('revenueWan', v)} />
            </FieldRow>
            <FieldRow label='资产总额' required messages={msgs('totalAssetsFen')}>
              <TextInput id='f-assets' type='digit' value={enterprise.assetsWan} placeholder='≤ 20000' unit='万元' onChange={(v) => setE('assetsWan', v)} />
            </FieldRow>
            <FieldRow label='财务机构和管理制度健全' messages={msgs('soundFinance')}>
              <YesNo id='f-finance' value={enterprise.soundFinance} onChange={(v) => setE('soundFinance', v)} />
            </FieldRow>
            <FieldRow label='无不良诚信记录' messages={msgs('noBadCreditRecord')}>
              <YesNo id='f-credit-record' value={enterprise.noBadCreditRecord} onChange={(v) => setE('noBadCreditRecord', v)} />
            </FieldRow>
          </View>

          <View className='form-card'>
            <View className='form-card__title'>主营业务与资质</View>
            <FieldRow label='主营业务所属领域' required stacked messages={msgs('priorityField')}>
              <Choice id='f-field' value={enterprise.priorityField} options={PRIORITY_FIELD_OPTIONS} onChange={(v) => setE('priorityField', v)} />
            </FieldRow>
            {enterprise.priorityField === 'other' && (
              <FieldRow label='其他领域说明' required messages={msgs('otherFieldDescription')}>
                <TextInput id='f-other' value={enterprise.otherFieldDescription} placeholder='主营业务方向' onChange={(v) => setE('otherFieldDescription', v)} />
              </FieldRow>
            )}
            <FieldRow label='有效的国家或中关村高新技术企业认定' stacked messages={msgs('highTechCertified')}>
              <YesNo id='f-hightech' value={enterprise.highTechCertified} onChange={(v) => setE('highTechCertified', v)} />
            </FieldRow>
            <FieldRow label='科技型中小企业入库年份' messages={msgs('techSmeListedYear')} hint='未入库可不填；当年入库可提高年度额度'>
              <TextInput id='f-sme-year' type='number' value={enterprise.techSmeListedYear} placeholder='如 2026' maxlength={4} onChange={(v) => setE('techSmeListedYear', v)} />
            </FieldRow>
          </View>
        </>
      ) : (
        <>
          <View className='form-card'>
            <View className='form-card__title'>团队与项目</View>
            <FieldRow label='团队名称' required messages={msgs('name')}>
              <TextInput id='t-name' value={team.name} placeholder='如 清华智能传感团队' onChange={(v) => setT('name', v)} />
            </FieldRow>
            <FieldRow label='项目名称' required messages={msgs('projectName')}>
              <TextInput id='t-project' value={team.projectName} placeholder='项目全称' onChange={(v) => setT('projectName', v)} />
            </FieldRow>
            <FieldRow label='项目所处阶段' required stacked messages={msgs('projectStage')}>
              <Choice id='t-stage' value={team.projectStage} options={STAGE_OPTIONS} onChange={(v) => setT('projectStage', v)} />
            </FieldRow>
            <FieldRow label='团队具备法人资格' messages={msgs('isLegalPerson')}>
              <YesNo id='t-legal' value={team.isLegalPerson} onChange={(v) => setT('isLegalPerson', v)} />
            </FieldRow>
            <FieldRow label='已注册企业' messages={msgs('hasRegisteredCompany')}>
              <YesNo id='t-company' value={team.hasRegisteredCompany} onChange={(v) => setT('hasRegisteredCompany', v)} />
            </FieldRow>
          </View>

          <View className='form-card'>
            <View className='form-card__title'>团队负责人</View>
            <MemberFields
              prefix='leader'
              member={team.leader}
              msgs={msgs}
              onChange={(patch) => setT('leader', { ...team.leader, ...patch })}
            />
          </View>

          <View className='form-card' id='members-editor'>
            <View className='form-card__title row'>
              <Text>团队成员（不含负责人）· {team.members.length} 人</Text>
            </View>
            {msgs('members').map((m) => (
              <View key={m} className='field-error'>
                {m}
              </View>
            ))}
            {team.members.map((m, i) => (
              <View key={m.id ?? `new-${i}`} className='member'>
                <View className='member__head'>
                  <Text>成员 {i + 1}</Text>
                  <Button size='small' fill='none' className='danger-text' onClick={() => void removeMember(i)}>
                    移除
                  </Button>
                </View>
                {applicant && m.id ? (
                  <View className='field'>
                    <Text className='hint'>
                      {m.name} · {m.enrolled ? `在校学生（${m.school} ${m.studentId}）` : '非在校学生'}
                    </Text>
                  </View>
                ) : (
                  <MemberFields prefix={`members.${i}`} member={m} msgs={msgs} onChange={(patch) => setMember(i, patch)} />
                )}
              </View>
            ))}
            {newMember && (
              <View className='member'>
                <View className='member__head'>
                  <Text>新成员</Text>
                </View>
                <MemberFields prefix='new' member={newMember} msgs={() => []} onChange={(patch) => setNewMember({ ...newMember, ...patch })} />
                <View className='members-actions actions'>
                  <Button size='small' fill='outline' onClick={() => setNewMember(null)}>
                    取消
                  </Button>
                  <Button size='small' type='primary' onClick={() => void addMember()}>
                    {applicant ? '保存成员' : '加入列表'}
                  </Button>
                </View>
              </View>
            )}
            {!newMember && (
              <View className='members-actions'>
                <Button block fill='dashed' id='add-member' onClick={() => setNewMember(emptyMember())}>
                  ＋ 添加成员
                </Button>
              </View>
            )}
          </View>
        </>
      )}

      <View className='submit-bar'>
        <Button type='primary' block size='large' id='save-applicant' loading={saving} onClick={() => void save()}>
          {applicant ? '保存修改' : '提交登记'}
        </Button>
        <View className='muted applicant__pledge'>本人承诺以上信息真实有效（第十五条：诚信申领）</View>
      </View>
    </View>
  );
}

function MemberFields({
  prefix,
  member,
  msgs,
  onChange,
}: {
  prefix: string;
  member: MemberForm;
  msgs: (field: string) => string[];
  onChange: (patch: Partial<MemberForm>) => void;
}) {
  const id = prefix.replace(/\./g, '-');
  return (
    <>
      <FieldRow label='姓名' required messages={msgs(`${prefix}.name`)}>
        <TextInput id={`${id}-name`} value={member.name} placeholder='姓名' onChange={(v) => onChange({ name: v })} />
      </FieldRow>
      <FieldRow label='在校学生' messages={msgs(`${prefix}.enrolled`)}>
        <YesNo id={`${id}-enrolled`} value={member.enrolled} onChange={(v) => onChange({ enrolled: v })} />
      </FieldRow>
      {member.enrolled && (
        <>
          <FieldRow label='学校' required messages={msgs(`${prefix}.school`)}>
            <TextInput id={`${id}-school`} value={member.school} placeholder='学校全称' onChange={(v) => onChange({ school: v })} />
          </FieldRow>
          <FieldRow label='学号' required messages={msgs(`${prefix}.studentId`)}>
            <TextInput id={`${id}-student-id`} value={member.studentId} placeholder='学号' onChange={(v) => onChange({ studentId: v })} />
          </FieldRow>
        </>
      )}
    </>
  );
}
