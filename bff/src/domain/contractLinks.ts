/**
 * 第九条3: staff of an open unit see an applicant's data only through that applicant's contracts with
 * their unit. `Contracts` (contracts.ts) implements it from the contracts collection: a proposal on the
 * table, a registered contract or one cancelled after registration links; a rejected, withdrawn or lapsed
 * proposal does not.
 */
export interface ContractLinks {
  /** True when `openUnitId` has (or had) a contract with `applicantId`. */
  unitHasContractWith(openUnitId: string, applicantId: string): Promise<boolean>;
}

/** No open unit linked to any applicant (tests of other modules). */
export const noContracts: ContractLinks = {
  unitHasContractWith: async () => false,
};
