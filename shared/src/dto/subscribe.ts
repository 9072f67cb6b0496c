import * as z from 'zod/mini';

/** Moments a person is asked for subscription messages (订阅消息), each from their own tap. */
export const SUBSCRIBE_ASKS = ['register', 'request', 'membership', 'social'] as const;
export type SubscribeAsk = (typeof SUBSCRIBE_ASKS)[number];

/** Messages the server sends; each is one template in WeChat's console. */
export const MESSAGE_KINDS = ['reminder', 'promoted', 'event_changed', 'request_reply', 'request_resolved', 'membership_decision', 'match_revealed'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** Which messages each ask offers (WeChat takes at most three template ids per ask). */
export const ASK_KINDS: Record<SubscribeAsk, readonly MessageKind[]> = {
  register: ['reminder', 'promoted', 'event_changed'],
  request: ['request_reply', 'request_resolved'],
  membership: ['membership_decision'],
  social: ['match_revealed'],
};

/** Template ids per ask, as the client passes them to requestSubscribeMessage (only configured ones). */
export const SubscribeTemplatesSchema = z.object({
  asks: z.object({ register: z.array(z.string()), request: z.array(z.string()), membership: z.array(z.string()), social: z.array(z.string()) }),
});
export type SubscribeTemplates = z.infer<typeof SubscribeTemplatesSchema>;

/** What the client reports after requestSubscribeMessage resolves: the template ids the person accepted. */
export const SubscribeGrantInputSchema = z.strictObject({
  accepted: z
    .array(z.string().check(z.minLength(1, { message: '模板编号不能为空' }), z.maxLength(64, { message: '模板编号太长' })))
    .check(z.maxLength(3, { message: '一次最多订阅 3 条消息' })),
});
export type SubscribeGrantInput = z.infer<typeof SubscribeGrantInputSchema>;

export const SubscribeGrantResultSchema = z.object({ recorded: z.int() });
