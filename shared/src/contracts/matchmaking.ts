import * as z from 'zod/mini';
import { contract } from '../contract';
import { IdParamSchema, IdSchema, OkSchema } from '../dto/common';
import {
  MatchBoardSchema,
  MatchListSchema,
  MatchProfileInputSchema,
  MatchReportListSchema,
  MatchSettingsSchema,
  MatchStatsSchema,
  MyMatchProfileSchema,
  ReportSchema,
} from '../dto/matchmaking';

export const MatchCardParamSchema = z.object({ id: IdSchema, cardId: z.string().check(z.regex(/^[A-Za-z0-9_-]{16}$/, { message: '参加者编号不正确' })) });

export const MatchCardBodySchema = z.strictObject({ cardId: z.string().check(z.regex(/^[A-Za-z0-9_-]{16}$/, { message: '参加者编号不正确' })) });

export const MatchReportBodySchema = z.extend(ReportSchema, { cardId: MatchCardBodySchema.shape.cardId });

export const MatchReportParamSchema = z.object({ id: IdSchema, reportId: IdSchema });

export const MatchConsentSchema = z.object({ version: z.string(), text: z.string() });

export const MatchSettingsOutSchema = z.object({
  picksPerPerson: z.int(),
  pickOpensAt: z.string(),
  pickClosesAt: z.string(),
  revealAtOnce: z.boolean(),
  seatsPerGender: z.object({ male: z.nullable(z.int()), female: z.nullable(z.int()) }),
});

/** Matchmaking socials: my profile, the board, picks, matches, blocks and reports, and the organiser's settings and counts. */
export const matchmakingContracts = {
  matchConsent: contract({
    method: 'get',
    path: '/api/v1/matchmaking/consent',
    tag: 'matchmaking',
    access: 'public',
    response: MatchConsentSchema,
    summary: 'The consent text a matchmaking profile needs, and its version',
  }),
  myMatchProfile: contract({
    method: 'get',
    path: '/api/v1/me/match-profile',
    tag: 'matchmaking',
    access: 'user',
    response: MyMatchProfileSchema,
    summary: 'My matchmaking profile (404 when I have none)',
    errors: ['NOT_FOUND'],
  }),
  saveMatchProfile: contract({
    method: 'put',
    path: '/api/v1/me/match-profile',
    tag: 'matchmaking',
    access: 'user',
    body: MatchProfileInputSchema,
    response: MyMatchProfileSchema,
    summary: 'Create or replace my profile; records the consent time and version',
  }),
  withdrawMatchProfile: contract({
    method: 'delete',
    path: '/api/v1/me/match-profile',
    tag: 'matchmaking',
    access: 'user',
    response: OkSchema,
    summary: 'Withdraw consent: deletes the profile, my picks and my matches at once',
  }),
  matchBoard: contract({
    method: 'get',
    path: '/api/v1/events/:id/match/board',
    tag: 'matchmaking',
    access: 'user',
    params: IdParamSchema,
    response: MatchBoardSchema,
    summary: 'Checked-in attendees as cards (no contacts) and my own picks',
    errors: ['NOT_FOUND', 'PICK_REFUSED'],
  }),
  pickCard: contract({
    method: 'post',
    path: '/api/v1/events/:id/match/picks',
    tag: 'matchmaking',
    access: 'user',
    params: IdParamSchema,
    body: MatchCardBodySchema,
    response: MatchBoardSchema,
    summary: 'Pick someone (up to the limit, during the window)',
    errors: ['NOT_FOUND', 'PICK_REFUSED'],
  }),
  unpickCard: contract({
    method: 'delete',
    path: '/api/v1/events/:id/match/picks/:cardId',
    tag: 'matchmaking',
    access: 'user',
    params: MatchCardParamSchema,
    response: MatchBoardSchema,
    summary: 'Take a pick back (during the window)',
    errors: ['NOT_FOUND', 'PICK_REFUSED'],
  }),
  myMatches: contract({
    method: 'get',
    path: '/api/v1/events/:id/match/matches',
    tag: 'matchmaking',
    access: 'user',
    params: IdParamSchema,
    response: MatchListSchema,
    summary: 'My mutual matches with their contacts, once revealed',
    errors: ['NOT_FOUND', 'PICK_REFUSED'],
  }),
  removeMatch: contract({
    method: 'post',
    path: '/api/v1/events/:id/match/matches/:cardId/remove',
    tag: 'matchmaking',
    access: 'user',
    params: MatchCardParamSchema,
    response: OkSchema,
    summary: 'Remove a match (for both sides)',
    errors: ['NOT_FOUND', 'PICK_REFUSED'],
  }),
  blockCard: contract({
    method: 'post',
    path: '/api/v1/events/:id/match/blocks',
    tag: 'matchmaking',
    access: 'user',
    params: IdParamSchema,
    body: MatchCardBodySchema,
    response: OkSchema,
    summary: 'Block someone: never shown to me again, never a match',
    errors: ['NOT_FOUND', 'PICK_REFUSED'],
  }),
  reportCard: contract({
    method: 'post',
    path: '/api/v1/events/:id/match/reports',
    tag: 'matchmaking',
    access: 'user',
    params: IdParamSchema,
    body: MatchReportBodySchema,
    response: OkSchema,
    summary: "Report someone to the event's organisers",
    errors: ['NOT_FOUND', 'PICK_REFUSED'],
  }),
  saveMatchSettings: contract({
    method: 'put',
    path: '/api/v1/organiser/events/:id/match-settings',
    tag: 'organiser',
    access: 'organiser',
    params: IdParamSchema,
    body: MatchSettingsSchema,
    response: MatchSettingsOutSchema,
    summary: 'Picks per person, picking window, reveal at once or at the close',
    errors: ['NOT_FOUND', 'CONFLICT'],
  }),
  getMatchSettings: contract({
    method: 'get',
    path: '/api/v1/organiser/events/:id/match-settings',
    tag: 'organiser',
    access: 'organiser',
    params: IdParamSchema,
    response: MatchSettingsOutSchema,
    summary: 'The saved matchmaking settings of an event (404 until saved)',
    errors: ['NOT_FOUND'],
  }),
  matchStats: contract({
    method: 'get',
    path: '/api/v1/organiser/events/:id/match-stats',
    tag: 'organiser',
    access: 'organiser',
    params: IdParamSchema,
    response: MatchStatsSchema,
    summary: 'Counts only: participants by gender, picks, matches, open reports',
    errors: ['NOT_FOUND'],
  }),
  matchReports: contract({
    method: 'get',
    path: '/api/v1/organiser/events/:id/match-reports',
    tag: 'organiser',
    access: 'organiser',
    params: IdParamSchema,
    response: MatchReportListSchema,
    summary: 'Reports to handle (who reported stays private)',
    errors: ['NOT_FOUND'],
  }),
  handleMatchReport: contract({
    method: 'post',
    path: '/api/v1/organiser/events/:id/match-reports/:reportId/handle',
    tag: 'organiser',
    access: 'organiser',
    params: MatchReportParamSchema,
    response: OkSchema,
    summary: 'Mark a report handled',
    errors: ['NOT_FOUND'],
  }),
};
