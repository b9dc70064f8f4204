/** 专家库: the expert form checked on the field, the body it sends, and how a profile is labelled. */
import { PRIORITY_FIELDS } from '@kcq/shared';
import {
  EXPERT_FIELD_OPTIONS,
  draftOf,
  expertInput,
  expertInviteMessage,
  expertProblems,
  expertStatus,
  fieldLabel,
  newTie,
  tiesLine,
  toggleField,
} from '../logic/experts';
import type { ExpertView } from '../services/reviewTypes';

const profile: ExpertView = {
  id: 'ex_1',
  userId: null,
  name: '孙评审',
  organisation: '丁研究院',
  fields: ['new_materials'],
  ties: [{ kind: 'open_unit', id: 'ou_1', name: '北京理化分析测试中心', relation: '兼职' }],
  active: true,
};

test('the multi-select offers the five priority fields by their Chinese names, in order', () => {
  expect(EXPERT_FIELD_OPTIONS.map((o) => o.code)).toEqual([...PRIORITY_FIELDS]);
  expect(EXPERT_FIELD_OPTIONS.map((o) => o.label)).toEqual(['新一代信息技术', '医药健康', '智能制造', '新材料', '绿色能源与节能环保']);
  expect(fieldLabel('medicine_health')).toBe('医药健康');
  expect(toggleField(['new_materials'], 'new_generation_it')).toEqual(['new_generation_it', 'new_materials']);
  expect(toggleField(['new_generation_it', 'new_materials'], 'new_materials')).toEqual(['new_generation_it']);
});

test('an empty form is refused field by field, before anything is sent', () => {
  const d = { ...draftOf(), ties: [newTie()] };
  const p = expertProblems(d)!;
  expect(p.name).toBe('请填写专家姓名');
  expect(p.organisation).toBe('请填写专家的工作单位');
  expect(p.fields).toBe('请至少选择一个专业领域');
  expect(p.ties[d.ties[0].key]).toBe('请填写关联单位名称，或删除这一项');
});

test('a tie repeating the work unit or another tie is pointed out', () => {
  const a = { ...newTie(), name: '丁研究院' };
  const b = { ...newTie(), name: '甲公司' };
  const c = { ...newTie(), name: ' 甲公司 ' };
  const p = expertProblems({ name: '孙评审', organisation: '丁研究院', fields: ['new_materials'], ties: [a, b, c], active: true })!;
  expect(p.ties[a.key]).toBe('工作单位已自动回避，无需重复填写');
  expect(p.ties[b.key]).toBeUndefined();
  expect(p.ties[c.key]).toBe('该单位已填写');
});

test('the body is trimmed, keeps a tie made by id as it was and drops the rows\' keys', () => {
  const d = draftOf(profile);
  d.name = ' 孙评审 ';
  d.ties.push({ ...newTie(), name: ' 甲公司 ', relation: '合作' });
  expect(expertProblems(d)).toBeNull();
  expect(expertInput(d)).toEqual({
    name: '孙评审',
    organisation: '丁研究院',
    fields: ['new_materials'],
    ties: [
      { kind: 'open_unit', id: 'ou_1', name: '北京理化分析测试中心', relation: '兼职' },
      { kind: 'organisation', id: null, name: '甲公司', relation: '合作' },
    ],
  });
});

test('bound or waiting, in the pool or not; ties in one line; the invite message says where to type the code', () => {
  expect(expertStatus(profile)).toEqual({ bound: false, boundLabel: '待绑定', activeLabel: '在库' });
  expect(expertStatus({ userId: 'u_1', active: false })).toEqual({ bound: true, boundLabel: '已绑定', activeLabel: '已停用' });
  expect(tiesLine([...profile.ties, { name: '甲公司', relation: '合作' }])).toBe('北京理化分析测试中心（兼职）、甲公司（合作）');
  const msg = expertInviteMessage('孙评审', 'abcdefghjkmn', '2026-12-13T02:00:00.000Z');
  expect(msg).toContain('孙评审专家');
  expect(msg).toContain('邀请码：ABCD-EFGH-JKMN');
  expect(msg).toContain('2026-12-13 10:00 前有效，只能使用一次');
  expect(msg).toContain('「我的」→「加入评审专家库」');
});
