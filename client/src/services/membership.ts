import type * as z from 'zod/mini';
import type { MembershipInputSchema, MembershipSchema } from '@xlx/shared';
import { call } from './api';

export type Membership = z.infer<typeof MembershipSchema>;
export type MembershipInput = z.input<typeof MembershipInputSchema>;

export interface MembershipList {
  items: Membership[];
}

export const membershipService = {
  /** A pending or approved application to the same union answers CONFLICT. */
  apply: (input: MembershipInput): Promise<Membership> => call('post /api/v1/memberships', { body: input }),
  /** Newest first: applications and member cards. */
  listMine: (): Promise<MembershipList> => call('get /api/v1/me/memberships', {}),
  /** Exchanges the getPhoneNumber button's code for the number WeChat verified (weapp only). */
  wechatPhone: (code: string): Promise<{ phone: string }> => call('post /api/v1/me/phone/wechat', { body: { code } }),
};
