import { contract } from '../contract';
import { IdParamSchema } from '../dto/common';
import { MemberCardResultSchema, MemberCardVerifySchema, MembershipInputSchema, MembershipListSchema, MembershipQuerySchema, MembershipSchema, RejectInputSchema } from '../dto/request';

export const membershipContracts = {
  applyForMembership: contract({ method: 'post', path: '/api/v1/memberships', tag: 'membership', access: 'user', body: MembershipInputSchema, response: MembershipSchema, status: 201, summary: 'Apply to join a union', errors: ['NOT_FOUND', 'CONFLICT'] }),
  myMemberships: contract({ method: 'get', path: '/api/v1/me/memberships', tag: 'membership', access: 'user', response: MembershipListSchema, summary: 'My applications and member cards' }),
  listManagedMemberships: contract({ method: 'get', path: '/api/v1/organiser/memberships', tag: 'organiser', access: 'organiser', query: MembershipQuerySchema, response: MembershipListSchema, summary: 'Applications to my subtree (phones masked)', errors: ['NOT_FOUND'] }),
  approveMembership: contract({ method: 'post', path: '/api/v1/organiser/memberships/:id/approve', tag: 'organiser', access: 'organiser', params: IdParamSchema, response: MembershipSchema, summary: 'Approve an application: the person becomes a member', errors: ['NOT_FOUND', 'CONFLICT'] }),
  rejectMembership: contract({ method: 'post', path: '/api/v1/organiser/memberships/:id/reject', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: RejectInputSchema, response: MembershipSchema, summary: 'Reject an application with a reason', errors: ['NOT_FOUND', 'CONFLICT'] }),
  revokeMembership: contract({ method: 'post', path: '/api/v1/organiser/memberships/:id/revoke', tag: 'organiser', access: 'organiser', params: IdParamSchema, response: MembershipSchema, summary: 'End a membership: its card then verifies as revoked', errors: ['NOT_FOUND', 'CONFLICT'] }),
  verifyMemberCard: contract({ method: 'post', path: '/api/v1/organiser/member-cards/verify', tag: 'organiser', access: 'organiser', body: MemberCardVerifySchema, response: MemberCardResultSchema, summary: "Verify a member card's signed code (核验会员): valid, revoked or invalid, with name and union; only for the card's union and those above it", errors: ['NOT_FOUND'] }),
};
