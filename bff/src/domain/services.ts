/** The domain wired to its ports: what the HTTP layer calls. Built once per app. */
import { Applicants } from './applicants';
import { Auth } from './auth';
import type { Clock } from './clock';
import { noContracts, type ContractLinks } from './contractLinks';
import { Identity } from './identity';
import { Invites } from './invites';
import { OpenUnits } from './openUnits';
import { Sessions, type SessionOptions } from './sessions';
import { Users } from './users';
import type { Store } from '../store';
import type { WeChatPort } from '../wechat/port';
import type { ClaimInventory } from '../inventory/claims';
import { Periods } from './periods';
import { ClaimService } from './claims';
import { Vouchers } from './vouchers';
import { Catalogue } from './catalogue';
import { CatalogueSearch } from './catalogueSearch';

export interface ServicePorts {
  store: Store;
  /** The inventory the claim decides in (Redis or embedded); it may hold generic counters too. */
  inventory: ClaimInventory & { tryLock?: (name: string, ttlMs: number) => Promise<(() => Promise<void>) | null> };
  clock: Clock;
  wechat: WeChatPort;
  sessions: SessionOptions;
  adminOpenids: readonly string[];
  contractLinks?: ContractLinks;
}

export function createServices(ports: ServicePorts) {
  const { store, clock } = ports;
  const users = new Users(store, clock, ports.adminOpenids);
  const openUnits = new OpenUnits(store, clock);
  const applicants = new Applicants(store, clock);
  const sessions = new Sessions(store, clock, ports.sessions);
  const identity = new Identity(users, applicants, openUnits);
  const periods = new Periods(store, ports.inventory, clock);
  // The open-lab catalogue; it keeps its copies of unit fields in sync with every unit change.
  const catalogue = new Catalogue(store, clock, openUnits);
  openUnits.onChange(async (unit) => {
    await catalogue.syncUnit(unit);
  });
  return {
    clock,
    users,
    openUnits,
    applicants,
    sessions,
    identity,
    auth: new Auth(ports.wechat, users, identity, sessions),
    invites: new Invites(store, clock, users, openUnits),
    contractLinks: ports.contractLinks ?? noContracts,
    periods,
    claims: new ClaimService(store, ports.inventory, periods, clock),
    vouchers: new Vouchers(store, ports.inventory, clock),
    catalogue,
    catalogueSearch: new CatalogueSearch(store, clock),
  };
}

export type Services = ReturnType<typeof createServices>;
