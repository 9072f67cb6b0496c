import {
  IdParamSchema,
  MembershipInputSchema,
  MembershipListSchema,
  MembershipSchema,
  MemberCardResultSchema,
  MemberCardVerifySchema,
  RejectInputSchema,
  MembershipQuerySchema,
} from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { MembershipEntity } from '../entities';
import type { MembershipService } from '../services/membership.service';
import { presentMembership } from '../presenters/membership.presenter';

/** Applications to join a union, member cards and their verification. */
export function membershipRoutes(api: ApiRouter, members: MembershipService, orgName: (id: number) => Promise<string>): void {
  const presentMember = async (m: MembershipEntity, own: boolean) => presentMembership(m, own, await orgName(m.organisationId), (x) => members.cardCode(x));

  api
    .route(
      { method: 'post', path: '/api/v1/memberships', tag: 'membership', access: 'user', body: MembershipInputSchema, response: MembershipSchema, status: 201, summary: 'Apply to join a union', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx, { body }) => presentMember(await members.apply(ctx.state.user!.id, body), true),
    )
    .route(
      { method: 'get', path: '/api/v1/me/memberships', tag: 'membership', access: 'user', response: MembershipListSchema, summary: 'My applications and member cards' },
      async (ctx) => ({ items: await Promise.all((await members.listMine(ctx.state.user!.id)).map((m) => presentMember(m, true))) }),
    )
    .route(
      { method: 'get', path: '/api/v1/organiser/memberships', tag: 'organiser', access: 'organiser', audit: 'memberships.read', query: MembershipQuerySchema, response: MembershipListSchema, summary: 'Applications to my subtree (phones masked)', errors: ['NOT_FOUND'] },
      async (ctx, { query }) => ({ items: await Promise.all((await members.listManaged(ctx.state.user!, query)).map((m) => presentMember(m, false))) }),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/memberships/:id/approve', tag: 'organiser', access: 'organiser', params: IdParamSchema, response: MembershipSchema, summary: 'Approve an application: the person becomes a member', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx, { params }) => presentMember(await members.decide(ctx.state.user!, params.id, { approve: true }), false),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/memberships/:id/reject', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: RejectInputSchema, response: MembershipSchema, summary: 'Reject an application with a reason', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx, { params, body }) => presentMember(await members.decide(ctx.state.user!, params.id, { approve: false, reason: body.reason }), false),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/memberships/:id/revoke', tag: 'organiser', access: 'organiser', params: IdParamSchema, response: MembershipSchema, summary: 'End a membership: its card then verifies as revoked', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx, { params }) => presentMember(await members.revoke(ctx.state.user!, params.id), false),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/member-cards/verify', tag: 'organiser', access: 'organiser', audit: 'membership.verify', body: MemberCardVerifySchema, response: MemberCardResultSchema, summary: "Verify a member card's signed code (核验会员): valid, revoked or invalid, with name and union; only for the card's union and those above it", errors: ['NOT_FOUND'] },
      async (ctx, { body }) => {
        const v = await members.verifyCard(ctx.state.user!, body.code);
        const message = v.result === 'valid' ? `${v.organisation!.name}会员，身份有效` : v.result === 'revoked' ? '这张会员卡已注销，不再是会员' : '无效的会员卡：不是心连新会员卡或已被篡改，请让对方打开小程序里的会员卡';
        return { result: v.result, message, name: v.membership?.name ?? null, organisationName: v.organisation?.name ?? null, memberNo: v.membership?.memberNo ?? null };
      },
    );
}
