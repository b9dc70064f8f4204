/** Response shapes shared by several route modules (documentation: responses are not re-validated). */
import { z } from 'zod';
import { ROLES } from '../../domain/users';
import { ID_PATTERN } from '../../domain/ids';
import { eligibilityResultSchema } from './eligibility';

export const isoDate = z.string().describe('ISO 8601 timestamp, UTC');
export const id = z.string().regex(ID_PATTERN, { error: '编号格式不正确' });
export const idParams = z.strictObject({ id });

export const applicantViewSchema = z.object({
  id: z.string(),
  kind: z.enum(['enterprise', 'team']),
  ownerId: z.string(),
  profile: z.record(z.string(), z.unknown()).describe('The registered profile; team members carry an `id`'),
  eligibility: eligibilityResultSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const principalSchema = z.object({
  id: z.string(),
  roles: z.array(z.enum(ROLES)),
  applicantId: z.string().nullable(),
  openUnitId: z.string().nullable(),
});
