import type { CallResponse, MatchBoard, MatchList, MatchProfileInput, MyMatchProfile, Ok } from '@xlx/shared';
import { call, type ApiRoutes } from './api';
import { isApiError } from './request';

/** The consent text (what is shared with whom, one point a line) and its version. */
export type MatchConsent = CallResponse<ApiRoutes['get /api/v1/matchmaking/consent']>;

export const matchmakingService = {
  consent: (): Promise<MatchConsent> => call('get /api/v1/matchmaking/consent', {}, { auth: false }),
  /** My profile, or null when I have none (the API answers 404). */
  async myProfile(): Promise<MyMatchProfile | null> {
    try {
      return await call('get /api/v1/me/match-profile', {});
    } catch (e) {
      if (isApiError(e) && e.status === 404) return null;
      throw e;
    }
  },
  /** Creates or replaces the profile; `consentVersion` records the text the person accepted. */
  saveProfile: (input: MatchProfileInput): Promise<MyMatchProfile> => call('put /api/v1/me/match-profile', { body: input }),
  /** Withdraws consent: the profile, my picks and my matches are deleted at once. */
  withdraw: (): Promise<Ok> => call('delete /api/v1/me/match-profile', {}),

  board: (eventId: number): Promise<MatchBoard> => call('get /api/v1/events/:id/match/board', { params: { id: eventId } }),
  pick: (eventId: number, cardId: string): Promise<MatchBoard> => call('post /api/v1/events/:id/match/picks', { params: { id: eventId }, body: { cardId } }),
  unpick: (eventId: number, cardId: string): Promise<MatchBoard> => call('delete /api/v1/events/:id/match/picks/:cardId', { params: { id: eventId, cardId } }),
  matches: (eventId: number): Promise<MatchList> => call('get /api/v1/events/:id/match/matches', { params: { id: eventId } }),
  removeMatch: (eventId: number, cardId: string): Promise<Ok> =>
    call('post /api/v1/events/:id/match/matches/:cardId/remove', { params: { id: eventId, cardId } }),
  block: (eventId: number, cardId: string): Promise<Ok> => call('post /api/v1/events/:id/match/blocks', { params: { id: eventId }, body: { cardId } }),
  report: (eventId: number, cardId: string, reason: string): Promise<Ok> =>
    call('post /api/v1/events/:id/match/reports', { params: { id: eventId }, body: { cardId, reason } }),
};
