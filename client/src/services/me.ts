import type { DeviceSessionList, Me, Ok, UpdateMe } from '@xlx/shared';
import { api } from './request';

export const meService = {
  get: () => api.get<Me>('/me'),
  update: (patch: UpdateMe) => api.patch<Me>('/me', patch),
  /** Erases the account's personal data; the session ends with it. */
  erase: () => api.del<Ok>('/me'),
  /** My signed-in phone and browsers. */
  sessions: () => api.get<DeviceSessionList>('/me/sessions'),
  endSession: (id: number) => api.del<Ok>(`/me/sessions/${id}`),
};
