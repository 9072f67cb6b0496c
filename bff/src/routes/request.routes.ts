import { z } from 'zod';
import {
  AssignInputSchema,
  DashboardSchema,
  IdParamSchema,
  MembershipInputSchema,
  MembershipListSchema,
  MembershipSchema,
  MEMBERSHIP_STATUSES,
  MemberCardResultSchema,
  MemberCardVerifySchema,
  OfflineRequestInputSchema,
  RateInputSchema,
  RejectInputSchema,
  ReplyInputSchema,
  RequestInputSchema,
  RequestListSchema,
  RequestQuerySchema,
  RequestSchema,
  RequestStatsSchema,
  StatusInputSchema,
  type RequestInput,
  IdSchema,
} from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import type { MembershipEntity } from '../entities';
import type { DashboardService } from '../services/dashboard.service';
import type { MembershipInput, MembershipService } from '../services/membership.service';
import type { RequestService, RequestView } from '../services/request.service';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const OrgQuerySchema = z.object({ organisationId: IdSchema.optional() }).strict();
const MemberQuerySchema = z.object({ status: z.enum(MEMBERSHIP_STATUSES).optional(), organisationId: IdSchema.optional() }).strict();

function presentRequest(v: RequestView) {
  const r = v.request;
  return {
    id: r.id,
    category: r.category as z.infer<typeof RequestSchema>['category'],
    text: r.text,
    organisationId: r.organisationId,
    organisationName: v.organisationName,
    stationId: r.stationId,
    eventId: r.eventId,
    photoUrl: v.photoUrl,
    photoCheck: v.photoCheck,
    channel: r.channel,
    status: r.status,
    overdue: v.overdue,
    dueAt: iso(r.dueAt)!,
    createdAt: iso(r.createdAt)!,
    resolvedAt: iso(r.resolvedAt),
    rating: r.rating,
    assigneeName: v.assigneeName,
    reporterName: v.reporterName,
    replies: v.replies.map((x) => ({ id: x.reply.id, fromOrganiser: Boolean(x.reply.fromOrganiser), author: x.author, text: x.reply.text, createdAt: iso(x.reply.createdAt)! })),
  };
}

const maskPhone = (p: string) => (p.length === 11 ? `${p.slice(0, 3)}****${p.slice(7)}` : '****');

export function requestRoutes(api: ApiRouter, requests: RequestService, members: MembershipService, dashboard: DashboardService, orgName: (id: number) => Promise<string>): void {
  const id = (ctx: { state: { params?: unknown } }) => (ctx.state.params as { id: number }).id;
  const presentMember = async (m: MembershipEntity, own: boolean) => ({
    id: m.id,
    organisationId: m.organisationId,
    organisationName: await orgName(m.organisationId),
    status: m.status,
    name: m.name,
    phone: own ? m.phone : maskPhone(m.phone),
    phoneVerified: Boolean(m.phoneVerified),
    employer: m.employer,
    occupation: m.occupation as z.infer<typeof MembershipSchema>['occupation'],
    ceremonyEventId: m.ceremonyEventId,
    memberNo: m.memberNo,
    cardCode: own ? members.cardCode(m) : null,
    rejectReason: m.rejectReason,
    createdAt: iso(m.createdAt)!,
    decidedAt: iso(m.decidedAt),
  });

  api
    // ---- workers' requests ----
    .route(
      { method: 'post', path: '/api/v1/requests', tag: 'requests', access: 'user', rateLimit: 'request', body: RequestInputSchema, response: RequestSchema, status: 201, summary: 'File a request or complaint (诉求); due in three working days', errors: ['NOT_FOUND'] },
      async (ctx) => presentRequest(await requests.submit(ctx.state.user!.id, ctx.state.body as RequestInput)),
    )
    .route(
      { method: 'get', path: '/api/v1/me/requests', tag: 'requests', access: 'user', response: RequestListSchema, summary: 'My requests, newest first, with replies' },
      async (ctx) => ({ items: (await requests.listMine(ctx.state.user!.id)).map(presentRequest) }),
    )
    .route(
      { method: 'get', path: '/api/v1/me/requests/:id', tag: 'requests', access: 'user', params: IdParamSchema, response: RequestSchema, summary: 'One of my requests', errors: ['NOT_FOUND'] },
      async (ctx) => presentRequest(await requests.getMine(ctx.state.user!.id, id(ctx))),
    )
    .route(
      { method: 'post', path: '/api/v1/me/requests/:id/replies', tag: 'requests', access: 'user', params: IdParamSchema, body: ReplyInputSchema, response: RequestSchema, summary: 'Add to my request', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx) => presentRequest(await requests.replyAsWorker(ctx.state.user!.id, id(ctx), (ctx.state.body as { text: string }).text)),
    )
    .route(
      { method: 'post', path: '/api/v1/me/requests/:id/rate', tag: 'requests', access: 'user', params: IdParamSchema, body: RateInputSchema, response: RequestSchema, summary: 'Rate a resolved request, once', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx) => presentRequest(await requests.rate(ctx.state.user!.id, id(ctx), (ctx.state.body as { satisfied: boolean }).satisfied)),
    )
    // ---- organisers' requests ----
    .route(
      { method: 'get', path: '/api/v1/organiser/requests', tag: 'organiser', access: 'organiser', audit: 'requests.list', query: RequestQuerySchema, response: RequestListSchema, summary: 'Requests addressed to my subtree; filter by status or overdue', errors: ['NOT_FOUND'] },
      async (ctx) => ({ items: (await requests.listManaged(ctx.state.user!, ctx.state.query as { status?: string; overdue?: boolean; organisationId?: number })).map(presentRequest) }),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/requests', tag: 'organiser', access: 'organiser', body: OfflineRequestInputSchema, response: RequestSchema, status: 201, summary: 'Record a request received in person (channel offline)', errors: ['NOT_FOUND'] },
      async (ctx) => presentRequest(await requests.recordOffline(ctx.state.user!, ctx.state.body as { category: string; text: string; organisationId: number; stationId: number | null; reporterName: string })),
    )
    .route(
      { method: 'get', path: '/api/v1/organiser/requests/stats', tag: 'organiser', access: 'organiser', query: OrgQuerySchema, response: RequestStatsSchema, summary: 'Received, resolved, overdue and satisfaction per organisation and channel', errors: ['NOT_FOUND'] },
      async (ctx) => ({ items: await requests.stats(ctx.state.user!, (ctx.state.query as { organisationId?: number }).organisationId) }),
    )
    .route(
      { method: 'get', path: '/api/v1/organiser/requests/:id', tag: 'organiser', access: 'organiser', audit: 'request.read', params: IdParamSchema, response: RequestSchema, summary: 'One request of my subtree', errors: ['NOT_FOUND'] },
      async (ctx) => presentRequest(await requests.viewManaged(ctx.state.user!, id(ctx))),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/requests/:id/assign', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: AssignInputSchema, response: RequestSchema, summary: 'Assign a request to someone', errors: ['NOT_FOUND'] },
      async (ctx) => presentRequest(await requests.assign(ctx.state.user!, id(ctx), (ctx.state.body as { assigneeId: number }).assigneeId)),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/requests/:id/replies', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: ReplyInputSchema, response: RequestSchema, summary: 'Reply to the worker', errors: ['NOT_FOUND'] },
      async (ctx) => presentRequest(await requests.replyAsOrganiser(ctx.state.user!, id(ctx), (ctx.state.body as { text: string }).text)),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/requests/:id/status', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: StatusInputSchema, response: RequestSchema, summary: 'Mark in progress, resolved or closed', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx) => presentRequest(await requests.setStatus(ctx.state.user!, id(ctx), (ctx.state.body as { status: 'in_progress' | 'resolved' | 'closed' }).status)),
    )
    // ---- membership ----
    .route(
      { method: 'post', path: '/api/v1/memberships', tag: 'membership', access: 'user', body: MembershipInputSchema, response: MembershipSchema, status: 201, summary: 'Apply to join a union', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx) => presentMember(await members.apply(ctx.state.user!.id, ctx.state.body as MembershipInput), true),
    )
    .route(
      { method: 'get', path: '/api/v1/me/memberships', tag: 'membership', access: 'user', response: MembershipListSchema, summary: 'My applications and member cards' },
      async (ctx) => ({ items: await Promise.all((await members.listMine(ctx.state.user!.id)).map((m) => presentMember(m, true))) }),
    )
    .route(
      { method: 'get', path: '/api/v1/organiser/memberships', tag: 'organiser', access: 'organiser', audit: 'memberships.read', query: MemberQuerySchema, response: MembershipListSchema, summary: 'Applications to my subtree (phones masked)', errors: ['NOT_FOUND'] },
      async (ctx) => ({ items: await Promise.all((await members.listManaged(ctx.state.user!, ctx.state.query as { status?: string; organisationId?: number })).map((m) => presentMember(m, false))) }),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/memberships/:id/approve', tag: 'organiser', access: 'organiser', params: IdParamSchema, response: MembershipSchema, summary: 'Approve an application: the person becomes a member', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx) => presentMember(await members.decide(ctx.state.user!, id(ctx), { approve: true }), false),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/memberships/:id/reject', tag: 'organiser', access: 'organiser', params: IdParamSchema, body: RejectInputSchema, response: MembershipSchema, summary: 'Reject an application with a reason', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx) => presentMember(await members.decide(ctx.state.user!, id(ctx), { approve: false, reason: (ctx.state.body as { reason: string }).reason }), false),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/memberships/:id/revoke', tag: 'organiser', access: 'organiser', params: IdParamSchema, response: MembershipSchema, summary: 'End a membership: its card then verifies as revoked', errors: ['NOT_FOUND', 'CONFLICT'] },
      async (ctx) => presentMember(await members.revoke(ctx.state.user!, id(ctx)), false),
    )
    .route(
      { method: 'post', path: '/api/v1/organiser/member-cards/verify', tag: 'organiser', access: 'organiser', audit: 'membership.verify', body: MemberCardVerifySchema, response: MemberCardResultSchema, summary: "Verify a member card's signed code (核验会员): valid, revoked or invalid, with name and union; only for the card's union and those above it", errors: ['NOT_FOUND'] },
      async (ctx) => {
        const v = await members.verifyCard(ctx.state.user!, (ctx.state.body as { code: string }).code);
        const message = v.result === 'valid' ? `${v.organisation!.name}会员，身份有效` : v.result === 'revoked' ? '这张会员卡已注销，不再是会员' : '无效的会员卡：不是心连新会员卡或已被篡改，请让对方打开小程序里的会员卡';
        return { result: v.result, message, name: v.membership?.name ?? null, organisationName: v.organisation?.name ?? null, memberNo: v.membership?.memberNo ?? null };
      },
    )
    // ---- dashboard ----
    .route(
      { method: 'get', path: '/api/v1/organiser/organisations/:id/dashboard', tag: 'organiser', access: 'organiser', params: IdParamSchema, response: DashboardSchema, summary: 'Visits, events, attendance, matches, requests and members of an organisation subtree', errors: ['NOT_FOUND'] },
      async (ctx) => dashboard.forOrganisation(ctx.state.user!, id(ctx)),
    );
}
