/**
 * THE authorization policy module. Every route declares one policy in its RouteSpec (`auth`); the
 * registry enforces it before anything else and the OpenAPI document shows it (security + x-auth).
 * Handlers contain no permission checks.
 *
 * Refusals:
 * - 401 UNAUTHENTICATED (no token) / TOKEN_EXPIRED / TOKEN_INVALID — from authentication;
 * - 403 FORBIDDEN when the caller lacks the role, or may see the object but not change it;
 * - 404 NOT_FOUND for an object the caller may not know exists. **Decision**: another applicant's
 *   data answers 404, not 403, so ids cannot be probed (第九条3 confidentiality). Open units are
 *   public (the catalogue), so refusals about them are 403.
 *
 * Object-level rule, 第九条3: an applicant's data is visible to that applicant, to staff of an open unit
 * only through the applicant's contracts with that unit, and to administrators. Only the applicant
 * edits it (**Decision**: the declaration is the applicant's own, made in good faith, 第十五条1; an
 * administrator can move an enterprise but not rewrite its declaration).
 */
import { DomainError } from '../domain/errors';
import type { Applicant } from '../domain/applicants';
import type { ContractLinks } from '../domain/contractLinks';
import type { ContractDoc, ContractRole } from '../domain/contracts';
import type { Principal } from '../domain/identity';
import type { Services } from '../domain/services';
import type { AppContext } from './context';

export interface AuthPolicy {
  /** Stable name, shown in the OpenAPI `x-auth`. */
  name: string;
  /** Who may call, in one English sentence (OpenAPI). */
  description: string;
  /** Needs a bearer token. */
  authenticated: boolean;
  /** Statuses this policy can refuse with, documented for every operation using it. */
  refusals: number[];
  enforce(ctx: AppContext): Promise<void>;
}

const forbidden = (message?: string) => new DomainError('FORBIDDEN', message);

/** A policy that authenticates, then asks `allowed` about the caller (and the request, for path ids). */
function rolePolicy(
  name: string,
  description: string,
  allowed: (p: Principal, ctx: AppContext) => boolean,
): AuthPolicy {
  return {
    name,
    description,
    authenticated: true,
    refusals: [401, 403],
    async enforce(ctx) {
      const p = await ctx.state.authenticate();
      if (!allowed(p, ctx)) throw forbidden();
    },
  };
}

export const isPublic: AuthPolicy = {
  name: 'public',
  description: 'Anyone, signed in or not; the Authorization header is not read.',
  authenticated: false,
  refusals: [],
  async enforce() {},
};

export const signedIn: AuthPolicy = {
  name: 'signedIn',
  description: 'Any signed-in user.',
  authenticated: true,
  refusals: [401],
  async enforce(ctx) {
    await ctx.state.authenticate();
  },
};

export const applicant = rolePolicy('applicant', 'A signed-in user who has registered an applicant.', (p) =>
  p.roles.includes('applicant'),
);
export const staff = rolePolicy('staff', 'Staff of any open unit.', (p) => p.openUnitId !== null);
export const admin = rolePolicy('admin', 'Administrators only.', (p) => p.isAdmin);
/** 第十五条4: users bound to an expert profile; what they may read is further limited to their assignments. */
export const expert = rolePolicy('expert', 'Experts only (each sees only the items assigned to them; others answer 404).', (p) => p.expertId !== null);

/** Administrators, or staff of the open unit named by the path parameter. */
export function unitStaff(param = 'id'): AuthPolicy {
  return rolePolicy(
    'unitStaff',
    `Administrators, or staff of the open unit in the path (:${param}).`,
    (p, ctx) => p.isAdmin || (p.openUnitId !== null && p.openUnitId === ctx.params[param]),
  );
}

/** Administrators, or staff with the manager flag of the open unit named by the path parameter. */
export function unitManager(param = 'id'): AuthPolicy {
  return rolePolicy(
    'unitManager',
    `Administrators, or managers among the staff of the open unit in the path (:${param}).`,
    (p, ctx) => p.isAdmin || (p.unitManager && p.openUnitId !== null && p.openUnitId === ctx.params[param]),
  );
}

export type ApplicantRelation = 'owner' | 'admin' | 'linkedStaff' | 'none';

/** 第九条3 as a function: how the caller relates to an applicant's data. */
export async function relationTo(p: Principal, a: Applicant, links: ContractLinks): Promise<ApplicantRelation> {
  if (a.ownerId === p.userId) return 'owner';
  if (p.isAdmin) return 'admin';
  if (p.openUnitId && (await links.unitHasContractWith(p.openUnitId, a._id))) return 'linkedStaff';
  return 'none';
}

/**
 * 第九条3 as a function, for a contract: its applicant, staff of its unit, administrators — or nobody.
 * The applicant comes first (someone both applicant and staff acts as the applicant on their own contract).
 */
export function contractRelation(p: Principal, c: ContractDoc): ContractRole | null {
  if (p.applicantId !== null && p.applicantId === c.applicantId) return 'applicant';
  if (p.openUnitId !== null && p.openUnitId === c.unitId) return 'open_unit';
  if (p.isAdmin) return 'administrator';
  return null;
}

export interface Policies {
  public: AuthPolicy;
  signedIn: AuthPolicy;
  applicant: AuthPolicy;
  staff: AuthPolicy;
  admin: AuthPolicy;
  /** 第十五条4: experts (object-level: only their assignments, checked in the domain as 404). */
  expert: AuthPolicy;
  unitStaff: (param?: string) => AuthPolicy;
  unitManager: (param?: string) => AuthPolicy;
  /** 第九条3 read access to the applicant in the path; loads it into ctx.state.applicant. */
  applicantView: (param?: string) => AuthPolicy;
  /** Write access to the applicant in the path: its owner only. */
  applicantEdit: (param?: string) => AuthPolicy;
  /** Applicants, staff or administrators (lists scoped to the caller). */
  party: AuthPolicy;
  /** 第九条3 read access to the contract in the path; loads ctx.state.contract and contractRole. */
  contractView: (param?: string) => AuthPolicy;
  /** Staff of the contract's open unit only: others who may see it get 403, anyone else 404. */
  contractStaff: (param?: string) => AuthPolicy;
}

/** The policies, bound to the services object-level rules need. */
export function createPolicies(services: Pick<Services, 'applicants' | 'contractLinks' | 'contracts'>): Policies {
  function contractPolicy(mode: 'view' | 'staff', param: string): AuthPolicy {
    return {
      name: mode === 'view' ? 'contractView' : 'contractStaff',
      description:
        mode === 'view'
          ? `第九条3: the contract's applicant, staff of its open unit, administrators (:${param}); anyone else gets 404.`
          : `Staff of the contract's open unit (:${param}); its applicant and administrators get 403, anyone else 404.`,
      authenticated: true,
      refusals: mode === 'view' ? [401, 404] : [401, 403, 404],
      async enforce(ctx) {
        const p = await ctx.state.authenticate();
        const id = ctx.params[param];
        const c = typeof id === 'string' ? await services.contracts.get(id) : null;
        const role = c ? contractRelation(p, c) : null;
        if (!c || !role) throw new DomainError('NOT_FOUND', '找不到该合同');
        if (mode === 'staff' && role !== 'open_unit') throw forbidden('只有该合同开放单位的工作人员可以办理');
        ctx.state.contract = c;
        ctx.state.contractRole = role;
      },
    };
  }
  const party = rolePolicy('party', 'Applicants, staff of open units and administrators; each sees only their own.', (p) =>
    p.applicantId !== null || p.openUnitId !== null || p.isAdmin,
  );
  function applicantPolicy(mode: 'view' | 'edit', param: string): AuthPolicy {
    return {
      name: mode === 'view' ? 'applicantView' : 'applicantEdit',
      description:
        mode === 'view'
          ? `第九条3: the applicant in the path (:${param}) itself, staff of an open unit having a contract with it, administrators; anyone else gets 404.`
          : `The applicant in the path (:${param}) itself; those who may only see it get 403, anyone else 404.`,
      authenticated: true,
      refusals: mode === 'view' ? [401, 404] : [401, 403, 404],
      async enforce(ctx) {
        const p = await ctx.state.authenticate();
        const id = ctx.params[param];
        const a = typeof id === 'string' ? await services.applicants.get(id) : null;
        const relation = a ? await relationTo(p, a, services.contractLinks) : 'none';
        if (!a || relation === 'none') throw new DomainError('NOT_FOUND', '找不到该申领主体');
        if (mode === 'edit' && relation !== 'owner') throw forbidden('只有申领主体本人可以修改登记信息');
        ctx.state.applicant = a;
      },
    };
  }
  return {
    public: isPublic,
    signedIn,
    applicant,
    staff,
    admin,
    expert,
    unitStaff,
    unitManager,
    applicantView: (param = 'id') => applicantPolicy('view', param),
    applicantEdit: (param = 'id') => applicantPolicy('edit', param),
    party,
    contractView: (param = 'id') => contractPolicy('view', param),
    contractStaff: (param = 'id') => contractPolicy('staff', param),
  };
}

/** The authenticated caller, for handlers behind any authenticated policy. */
export function caller(ctx: AppContext): Principal {
  const p = ctx.state.principal;
  // Reaching a handler unauthenticated means a route declared the wrong policy: a bug, not a 401.
  if (!p) throw new Error('handler needs an authenticated policy');
  return p;
}
