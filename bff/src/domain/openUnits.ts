/**
 * Open units (开放单位, 第五、六条), minimal: just enough to bind staff to one. The catalogue will
 * grow this record (labs, services, regional marks); keep `_id`, `name`, `status` stable.
 */
import type { Clock } from './clock';
import { DomainError } from './errors';
import { newId } from './ids';
import type { CollectionSpec, Store } from '../store';

export const OPEN_UNIT_STATUSES = ['active', 'suspended', 'left'] as const;
export type OpenUnitStatus = (typeof OPEN_UNIT_STATUSES)[number];

export interface OpenUnit {
  _id: string;
  name: string;
  status: OpenUnitStatus;
  createdAt: Date;
}

export const OPEN_UNITS: CollectionSpec = { name: 'open_units', indexes: [{ fields: ['name'], unique: true }] };

export class OpenUnits {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  private get col() {
    return this.store.collection<OpenUnit>(OPEN_UNITS);
  }

  get(id: string): Promise<OpenUnit | null> {
    return this.col.findById(id);
  }

  async require(id: string): Promise<OpenUnit> {
    const unit = await this.get(id);
    if (!unit) throw new DomainError('NOT_FOUND', '找不到该开放单位');
    return unit;
  }

  async create(name: string): Promise<OpenUnit> {
    const unit: OpenUnit = { _id: newId('ou'), name, status: 'active', createdAt: this.clock.now() };
    try {
      return await this.col.insert(unit);
    } catch (err) {
      if ((err as { code?: string }).code === 'DUPLICATE') throw new DomainError('DUPLICATE', '已有同名的开放单位');
      throw err;
    }
  }
}
