import { OrganisationEntity } from './organisation.entity';
import { RoleGrantEntity } from './role-grant.entity';
import { SessionEntity } from './session.entity';
import { UserEntity } from './user.entity';

export { OrganisationEntity, RoleGrantEntity, SessionEntity, UserEntity };

/** Every entity the data source maps. */
export const ENTITIES = [OrganisationEntity, UserEntity, RoleGrantEntity, SessionEntity];
