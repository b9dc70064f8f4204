/**
 * 第九条3: staff of an open unit see an applicant's data only through that applicant's contracts with
 * their unit. Contracts do not exist yet; this port is where the contracts module will answer.
 */
export interface ContractLinks {
  /** True when `openUnitId` has (or had) a contract with `applicantId`. */
  unitHasContractWith(openUnitId: string, applicantId: string): Promise<boolean>;
}

/** Until contracts exist, no open unit is linked to any applicant. */
export const noContracts: ContractLinks = {
  unitHasContractWith: async () => false,
};
