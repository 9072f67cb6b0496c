import type { Organisation } from '@xlx/shared';
import type { OrganisationEntity } from '../entities';

export function presentOrganisation(o: OrganisationEntity): Organisation {
  return { id: o.id, name: o.name, level: o.level, parentId: o.parentId };
}
