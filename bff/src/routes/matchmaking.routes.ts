import { z } from 'zod';
import {
  IdParamSchema,
  IdSchema,
  MATCH_CONSENT_TEXT,
  MATCH_CONSENT_VERSION,
  MatchBoardSchema,
  MatchListSchema,
  MatchProfileInputSchema,
  MatchReportListSchema,
  MatchSettingsSchema,
  MatchStatsSchema,
  MyMatchProfileSchema,
  OkSchema,
  ReportSchema,
} from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { notFound } from '../lib/app-error';
import type { Card, MatchmakingService } from '../services/matchmaking.service';
import type { MatchProfileEntity } from '../entities';

const CardParamSchema = z.object({ id: IdSchema, cardId: z.string().regex(/^[A-Za-z0-9_-]{16}$/, { message: '参加者编号不正确' }) });
const CardBodySchema = z.object({ cardId: z.string().regex(/^[A-Za-z0-9_-]{16}$/, { message: '参加者编号不正确' }) }).strict();
const ReportBodySchema = ReportSchema.extend({ cardId: CardBodySchema.shape.cardId }).strict();
const ReportParamSchema = z.object({ id: IdSchema, reportId: IdSchema });
const ConsentSchema = z.object({ version: z.string(), text: z.string() });
const SettingsOutSchema = z.object({
  picksPerPerson: z.number().int(),
  pickOpensAt: z.string(),
  pickClosesAt: z.string(),
  revealAtOnce: z.boolean(),
  seatsPerGender: z.object({ male: z.number().int().nullable(), female: z.number().int().nullable() }),
});

export function matchmakingRoutes(api: ApiRouter, mm: MatchmakingService, clockNow: () => Date): void {
  const cardOf = (c: Card) => ({
    id: c.cardId,
    displayName: c.profile.displayName,
    gender: c.profile.gender,
    age: clockNow().getUTCFullYear() - c.profile.birthYear,
    occupation: c.profile.occupation,
    city: c.profile.city,
    intro: c.profile.intro,
    // Links saved before photos went through uploads are never handed to other phones.
    photoUrl: null,
    pickedByMe: c.pickedByMe,
  });
  const mine = (p: MatchProfileEntity) => ({
    displayName: p.displayName,
    gender: p.gender,
    wantsToMeet: p.wantsToMeet ?? null,
    birthYear: p.birthYear,
    occupation: p.occupation,
    city: p.city,
    intro: p.intro,
    photoUrl: null,
    contact: mm.openContact(p),
    consentVersion: p.consentVersion,
    consentAt: new Date(p.consentAt).toISOString(),
  });
  const board = async (userId: number, id: number) => {
    const b = await mm.board(userId, id);
    return {
      window: { opensAt: b.window.opensAt.toISOString(), closesAt: b.window.closesAt.toISOString(), open: b.window.open, closed: b.window.closed },
      picksAllowed: b.picksAllowed,
      picksUsed: b.picksUsed,
      cards: b.cards.map(cardOf),
    };
  };

  api
    .route(
      {
        method: 'get',
        path: '/api/v1/matchmaking/consent',
        tag: 'matchmaking',
        access: 'public',
        response: ConsentSchema,
        summary: 'The consent text a matchmaking profile needs, and its version',
      },
      async () => ({ version: MATCH_CONSENT_VERSION, text: MATCH_CONSENT_TEXT }),
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/me/match-profile',
        tag: 'matchmaking',
        access: 'user',
        response: MyMatchProfileSchema,
        summary: 'My matchmaking profile (404 when I have none)',
        errors: ['NOT_FOUND'],
      },
      async (ctx) => {
        const p = await mm.getProfile(ctx.state.user!.id);
        if (!p) throw notFound('交友资料');
        return mine(p);
      },
    )
    .route(
      {
        method: 'put',
        path: '/api/v1/me/match-profile',
        tag: 'matchmaking',
        access: 'user',
        body: MatchProfileInputSchema,
        response: MyMatchProfileSchema,
        summary: 'Create or replace my profile; records the consent time and version',
      },
      async (ctx, { body }) => mine(await mm.saveProfile(ctx.state.user!.id, body)),
    )
    .route(
      {
        method: 'delete',
        path: '/api/v1/me/match-profile',
        tag: 'matchmaking',
        access: 'user',
        response: OkSchema,
        summary: 'Withdraw consent: deletes the profile, my picks and my matches at once',
      },
      async (ctx) => {
        await mm.withdraw(ctx.state.user!.id);
        return { ok: true as const };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/events/:id/match/board',
        tag: 'matchmaking',
        access: 'user',
        params: IdParamSchema,
        response: MatchBoardSchema,
        summary: 'Checked-in attendees as cards (no contacts) and my own picks',
        errors: ['NOT_FOUND', 'PICK_REFUSED'],
      },
      async (ctx, { params }) => board(ctx.state.user!.id, params.id),
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/events/:id/match/picks',
        tag: 'matchmaking',
        access: 'user',
        params: IdParamSchema,
        body: CardBodySchema,
        response: MatchBoardSchema,
        summary: 'Pick someone (up to the limit, during the window)',
        errors: ['NOT_FOUND', 'PICK_REFUSED'],
      },
      async (ctx, { params, body }) => {
        await mm.pick(ctx.state.user!.id, params.id, body.cardId);
        return board(ctx.state.user!.id, params.id);
      },
    )
    .route(
      {
        method: 'delete',
        path: '/api/v1/events/:id/match/picks/:cardId',
        tag: 'matchmaking',
        access: 'user',
        params: CardParamSchema,
        response: MatchBoardSchema,
        summary: 'Take a pick back (during the window)',
        errors: ['NOT_FOUND', 'PICK_REFUSED'],
      },
      async (ctx, { params }) => {
        const p = params;
        await mm.unpick(ctx.state.user!.id, p.id, p.cardId);
        return board(ctx.state.user!.id, p.id);
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/events/:id/match/matches',
        tag: 'matchmaking',
        access: 'user',
        params: IdParamSchema,
        response: MatchListSchema,
        summary: 'My mutual matches with their contacts, once revealed',
        errors: ['NOT_FOUND', 'PICK_REFUSED'],
      },
      async (ctx, { params }) => {
        const m = await mm.matches(ctx.state.user!.id, params.id);
        return {
          revealed: m.revealed,
          revealAt: m.revealAt ? m.revealAt.toISOString() : null,
          picking: { closesAt: m.picking.closesAt.toISOString(), closed: m.picking.closed },
          items: m.items.map((i) => {
            const { pickedByMe: _p, ...card } = cardOf(i.card);
            return { card, contact: mm.openContact(i.card.profile), matchedAt: i.matchedAt.toISOString() };
          }),
        };
      },
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/events/:id/match/matches/:cardId/remove',
        tag: 'matchmaking',
        access: 'user',
        params: CardParamSchema,
        response: OkSchema,
        summary: 'Remove a match (for both sides)',
        errors: ['NOT_FOUND', 'PICK_REFUSED'],
      },
      async (ctx, { params }) => {
        const p = params;
        await mm.removeMatch(ctx.state.user!.id, p.id, p.cardId);
        return { ok: true as const };
      },
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/events/:id/match/blocks',
        tag: 'matchmaking',
        access: 'user',
        params: IdParamSchema,
        body: CardBodySchema,
        response: OkSchema,
        summary: 'Block someone: never shown to me again, never a match',
        errors: ['NOT_FOUND', 'PICK_REFUSED'],
      },
      async (ctx, { params, body }) => {
        await mm.block(ctx.state.user!.id, params.id, body.cardId);
        return { ok: true as const };
      },
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/events/:id/match/reports',
        tag: 'matchmaking',
        access: 'user',
        params: IdParamSchema,
        body: ReportBodySchema,
        response: OkSchema,
        summary: "Report someone to the event's organisers",
        errors: ['NOT_FOUND', 'PICK_REFUSED'],
      },
      async (ctx, { params, body }) => {
        const b = body;
        await mm.report(ctx.state.user!.id, params.id, b.cardId, b.reason);
        return { ok: true as const };
      },
    )
    .route(
      {
        method: 'put',
        path: '/api/v1/organiser/events/:id/match-settings',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        body: MatchSettingsSchema,
        response: SettingsOutSchema,
        summary: 'Picks per person, picking window, reveal at once or at the close',
        errors: ['NOT_FOUND', 'CONFLICT'],
      },
      async (ctx, { params, body }) => {
        const s = await mm.saveSettings(ctx.state.user!, params.id, body);
        return {
          picksPerPerson: s.picksPerPerson,
          pickOpensAt: s.pickOpensAt.toISOString(),
          pickClosesAt: s.pickClosesAt.toISOString(),
          revealAtOnce: Boolean(s.revealAtOnce),
          seatsPerGender: { male: s.seatsMale, female: s.seatsFemale },
        };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events/:id/match-settings',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: SettingsOutSchema,
        summary: 'The saved matchmaking settings of an event (404 until saved)',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => {
        const s = await mm.settingsManaged(ctx.state.user!, params.id);
        return {
          picksPerPerson: s.picksPerPerson,
          pickOpensAt: s.pickOpensAt.toISOString(),
          pickClosesAt: s.pickClosesAt.toISOString(),
          revealAtOnce: Boolean(s.revealAtOnce),
          seatsPerGender: { male: s.seatsMale, female: s.seatsFemale },
        };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events/:id/match-stats',
        tag: 'organiser',
        access: 'organiser',
        params: IdParamSchema,
        response: MatchStatsSchema,
        summary: 'Counts only: participants by gender, picks, matches, open reports',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => mm.stats(ctx.state.user!, params.id),
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/organiser/events/:id/match-reports',
        tag: 'organiser',
        access: 'organiser',
        audit: 'match-reports.read',
        params: IdParamSchema,
        response: MatchReportListSchema,
        summary: 'Reports to handle (who reported stays private)',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => ({
        items: (await mm.reports(ctx.state.user!, params.id)).map((r) => ({
          id: r.report.id,
          reason: r.report.reason,
          reportedName: r.reportedName,
          createdAt: new Date(r.report.createdAt).toISOString(),
          handled: r.report.handledAt !== null,
        })),
      }),
    )
    .route(
      {
        method: 'post',
        path: '/api/v1/organiser/events/:id/match-reports/:reportId/handle',
        tag: 'organiser',
        access: 'organiser',
        params: ReportParamSchema,
        response: OkSchema,
        summary: 'Mark a report handled',
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => {
        const p = params;
        await mm.handleReport(ctx.state.user!, p.id, p.reportId);
        return { ok: true as const };
      },
    );
}
