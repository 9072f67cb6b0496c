import type { DeviceSessionList, Me, Ok, UpdateMe } from '@xlx/shared';
import { call } from './api';

export const meService = {
  get: (): Promise<Me> => call('get /api/v1/me', {}),
  update: (patch: UpdateMe): Promise<Me> => call('patch /api/v1/me', { body: patch }),
  /** Erases the account's personal data; the session ends with it. */
  erase: (): Promise<Ok> => call('delete /api/v1/me', {}),
  /** My signed-in phone and browsers. */
  sessions: (): Promise<DeviceSessionList> => call('get /api/v1/me/sessions', {}),
  endSession: (id: number): Promise<Ok> => call('delete /api/v1/me/sessions/:id', { params: { id } }),
};
