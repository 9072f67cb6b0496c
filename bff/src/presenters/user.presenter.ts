import type { Me } from '@xlx/shared';
import type { UserWithGrants } from '../services/user.service';

/** The person's own view of their account. Identity keys (openid, dev name) never leave. */
export function presentMe({ user, grants }: UserWithGrants): Me {
  return {
    id: user.id,
    nickname: user.nickname,
    occupation: user.occupation,
    gender: user.gender,
    birthYear: user.birthYear,
    phone: user.phone,
    grants,
    createdAt: new Date(user.createdAt).toISOString(),
  };
}
