import type { Me, Ok, UpdateMe } from '@xlx/shared';
import { api } from './request';

export const meService = {
  get: () => api.get<Me>('/me'),
  update: (patch: UpdateMe) => api.patch<Me>('/me', patch),
  /** Erases the account's personal data; the session ends with it. */
  erase: () => api.del<Ok>('/me'),
};
