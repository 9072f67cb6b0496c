import type { z } from 'zod';
import type { MembershipSchema } from '@xlx/shared';
import type { MembershipEntity } from '../entities';
import { iso } from './iso';

const maskPhone = (p: string) => (p.length === 11 ? `${p.slice(0, 3)}****${p.slice(7)}` : '****');

/**
 * A membership as the API shows it: the applicant's own view has the phone and the member card's
 * code; an organiser's has the phone masked and no code.
 */
export function presentMembership(
  m: MembershipEntity,
  own: boolean,
  organisationName: string,
  cardCode: (m: MembershipEntity) => string | null,
): z.input<typeof MembershipSchema> {
  return {
    id: m.id,
    organisationId: m.organisationId,
    organisationName,
    status: m.status,
    name: m.name,
    phone: own ? m.phone : maskPhone(m.phone),
    phoneVerified: Boolean(m.phoneVerified),
    employer: m.employer,
    occupation: m.occupation as z.infer<typeof MembershipSchema>['occupation'],
    ceremonyEventId: m.ceremonyEventId,
    memberNo: m.memberNo,
    cardCode: own ? cardCode(m) : null,
    rejectReason: m.rejectReason,
    createdAt: iso(m.createdAt)!,
    decidedAt: iso(m.decidedAt),
  };
}
