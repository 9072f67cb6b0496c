import { matchmakingContracts as C, MATCH_CONSENT_TEXT, MATCH_CONSENT_VERSION } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { notFound } from '../lib/app-error';
import type { Card, MatchmakingService } from '../services/matchmaking.service';
import type { MatchProfileEntity } from '../entities';

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
    .route(C.matchConsent, async () => ({ version: MATCH_CONSENT_VERSION, text: MATCH_CONSENT_TEXT }))
    .route(C.myMatchProfile, async (ctx) => {
      const p = await mm.getProfile(ctx.state.user!.id);
      if (!p) throw notFound('交友资料');
      return mine(p);
    })
    .route(C.saveMatchProfile, async (ctx, { body }) => mine(await mm.saveProfile(ctx.state.user!.id, body)))
    .route(C.withdrawMatchProfile, async (ctx) => {
      await mm.withdraw(ctx.state.user!.id);
      return { ok: true as const };
    })
    .route(C.matchBoard, async (ctx, { params }) => board(ctx.state.user!.id, params.id))
    .route(C.pickCard, async (ctx, { params, body }) => {
      await mm.pick(ctx.state.user!.id, params.id, body.cardId);
      return board(ctx.state.user!.id, params.id);
    })
    .route(C.unpickCard, async (ctx, { params }) => {
      const p = params;
      await mm.unpick(ctx.state.user!.id, p.id, p.cardId);
      return board(ctx.state.user!.id, p.id);
    })
    .route(C.myMatches, async (ctx, { params }) => {
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
    })
    .route(C.removeMatch, async (ctx, { params }) => {
      const p = params;
      await mm.removeMatch(ctx.state.user!.id, p.id, p.cardId);
      return { ok: true as const };
    })
    .route(C.blockCard, async (ctx, { params, body }) => {
      await mm.block(ctx.state.user!.id, params.id, body.cardId);
      return { ok: true as const };
    })
    .route(C.reportCard, async (ctx, { params, body }) => {
      const b = body;
      await mm.report(ctx.state.user!.id, params.id, b.cardId, b.reason);
      return { ok: true as const };
    })
    .route(C.saveMatchSettings, async (ctx, { params, body }) => {
      const s = await mm.saveSettings(ctx.state.user!, params.id, body);
      return {
        picksPerPerson: s.picksPerPerson,
        pickOpensAt: s.pickOpensAt.toISOString(),
        pickClosesAt: s.pickClosesAt.toISOString(),
        revealAtOnce: Boolean(s.revealAtOnce),
        seatsPerGender: { male: s.seatsMale, female: s.seatsFemale },
      };
    })
    .route(C.getMatchSettings, async (ctx, { params }) => {
      const s = await mm.settingsManaged(ctx.state.user!, params.id);
      return {
        picksPerPerson: s.picksPerPerson,
        pickOpensAt: s.pickOpensAt.toISOString(),
        pickClosesAt: s.pickClosesAt.toISOString(),
        revealAtOnce: Boolean(s.revealAtOnce),
        seatsPerGender: { male: s.seatsMale, female: s.seatsFemale },
      };
    })
    .route(C.matchStats, async (ctx, { params }) => mm.stats(ctx.state.user!, params.id))
    .route(C.matchReports, { audit: 'match-reports.read' }, async (ctx, { params }) => ({
      items: (await mm.reports(ctx.state.user!, params.id)).map((r) => ({
        id: r.report.id,
        reason: r.report.reason,
        reportedName: r.reportedName,
        createdAt: new Date(r.report.createdAt).toISOString(),
        handled: r.report.handledAt !== null,
      })),
    }))
    .route(C.handleMatchReport, async (ctx, { params }) => {
      const p = params;
      await mm.handleReport(ctx.state.user!, p.id, p.reportId);
      return { ok: true as const };
    });
}
