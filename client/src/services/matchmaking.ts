import type { MatchBoard, MatchList, MatchProfileInput, MyMatchProfile, Ok } from '@xlx/shared';
import { api, isApiError, request } from './request';

export interface MatchConsent {
  version: string;
  /** What is shared with whom, one point a line. */
  text: string;
}

export const matchmakingService = {
  consent: () => api.get<MatchConsent>('/matchmaking/consent', undefined, { auth: false }),
  /** My profile, or null when I have none (the API answers 404). */
  async myProfile(): Promise<MyMatchProfile | null> {
    try {
      return await api.get<MyMatchProfile>('/me/match-profile');
    } catch (e) {
      if (isApiError(e) && e.status === 404) return null;
      throw e;
    }
  },
  /** Creates or replaces the profile; `consentVersion` records the text the person accepted. */
  saveProfile: (input: MatchProfileInput) => request<MyMatchProfile>('PUT', '/me/match-profile', { data: input }),
  /** Withdraws consent: the profile, my picks and my matches are deleted at once. */
  withdraw: () => api.del<Ok>('/me/match-profile'),

  board: (eventId: number) => api.get<MatchBoard>(`/events/${eventId}/match/board`),
  pick: (eventId: number, cardId: string) => api.post<MatchBoard>(`/events/${eventId}/match/picks`, { cardId }),
  unpick: (eventId: number, cardId: string) => api.del<MatchBoard>(`/events/${eventId}/match/picks/${encodeURIComponent(cardId)}`),
  matches: (eventId: number) => api.get<MatchList>(`/events/${eventId}/match/matches`),
  removeMatch: (eventId: number, cardId: string) => api.post<Ok>(`/events/${eventId}/match/matches/${encodeURIComponent(cardId)}/remove`),
  block: (eventId: number, cardId: string) => api.post<Ok>(`/events/${eventId}/match/blocks`, { cardId }),
  report: (eventId: number, cardId: string, reason: string) => api.post<Ok>(`/events/${eventId}/match/reports`, { cardId, reason }),
};
