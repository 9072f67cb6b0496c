import { membershipContracts as C } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { MembershipEntity } from '../entities';
import type { MembershipService } from '../services/membership.service';
import { presentMembership } from '../presenters/membership.presenter';

/** Applications to join a union, member cards and their verification. */
export function membershipRoutes(api: ApiRouter, members: MembershipService, orgName: (id: number) => Promise<string>): void {
  const presentMember = async (m: MembershipEntity, own: boolean) => presentMembership(m, own, await orgName(m.organisationId), (x) => members.cardCode(x));

  api
    .route(C.applyForMembership, async (ctx, { body }) => presentMember(await members.apply(ctx.state.user!.id, body), true))
    .route(C.myMemberships, async (ctx) => ({ items: await Promise.all((await members.listMine(ctx.state.user!.id)).map((m) => presentMember(m, true))) }))
    .route(C.listManagedMemberships, { audit: 'memberships.read' }, async (ctx, { query }) => ({
      items: await Promise.all((await members.listManaged(ctx.state.user!, query)).map((m) => presentMember(m, false))),
    }))
    .route(C.approveMembership, async (ctx, { params }) => presentMember(await members.decide(ctx.state.user!, params.id, { approve: true }), false))
    .route(C.rejectMembership, async (ctx, { params, body }) =>
      presentMember(await members.decide(ctx.state.user!, params.id, { approve: false, reason: body.reason }), false),
    )
    .route(C.revokeMembership, async (ctx, { params }) => presentMember(await members.revoke(ctx.state.user!, params.id), false))
    .route(C.verifyMemberCard, { audit: 'membership.verify' }, async (ctx, { body }) => {
      const v = await members.verifyCard(ctx.state.user!, body.code);
      const message =
        v.result === 'valid'
          ? `${v.organisation!.name}会员，身份有效`
          : v.result === 'revoked'
            ? '这张会员卡已注销，不再是会员'
            : '无效的会员卡：不是心连新会员卡或已被篡改，请让对方打开小程序里的会员卡';
      return {
        result: v.result,
        message,
        name: v.membership?.name ?? null,
        organisationName: v.organisation?.name ?? null,
        memberNo: v.membership?.memberNo ?? null,
      };
    });
}
