import { DeviceSessionListSchema, IdParamSchema, MeSchema, OkSchema, UpdateMeSchema } from '@xlx/shared';
import { presentDeviceSession } from '../presenters/session.presenter';
import type { ApiRouter } from '../lib/api-router';
import { presentMe } from '../presenters/user.presenter';
import type { AuthService } from '../services/auth.service';
import type { UserService } from '../services/user.service';

export function meRoutes(api: ApiRouter, users: UserService, auth: AuthService): void {
  api
    .route({ method: 'get', path: '/api/v1/me', tag: 'me', summary: 'The signed-in person', access: 'user', response: MeSchema }, async (ctx) =>
      presentMe(await users.getMe(ctx.state.user!.id)),
    )
    .route(
      {
        method: 'patch',
        path: '/api/v1/me',
        tag: 'me',
        summary: 'Edit nickname, occupation, gender, birth year, phone',
        access: 'user',
        body: UpdateMeSchema,
        response: MeSchema,
      },
      async (ctx, { body }) => presentMe(await users.update(ctx.state.user!.id, body)),
    )
    .route(
      {
        method: 'delete',
        path: '/api/v1/me',
        tag: 'me',
        summary: 'Delete the account: erases personal data at once; anonymous statistics stay',
        access: 'user',
        response: OkSchema,
      },
      async (ctx) => {
        await users.erase(ctx.state.user!.id);
        auth.forgetUser(ctx.state.user!.id);
        return { ok: true as const };
      },
    )
    .route(
      {
        method: 'get',
        path: '/api/v1/me/sessions',
        tag: 'me',
        summary: 'My signed-in devices and browsers, this one marked current',
        access: 'user',
        response: DeviceSessionListSchema,
      },
      async (ctx) => {
        const { id, sessionId } = ctx.state.user!;
        return { items: (await auth.listSessions(id)).map((s) => presentDeviceSession(s, sessionId)) };
      },
    )
    .route(
      {
        method: 'delete',
        path: '/api/v1/me/sessions/:id',
        tag: 'me',
        summary: 'Sign one of my devices out (the current one too: that is logging out)',
        access: 'user',
        params: IdParamSchema,
        response: OkSchema,
        errors: ['NOT_FOUND'],
      },
      async (ctx, { params }) => {
        await auth.endSession(ctx.state.user!.id, params.id);
        return { ok: true as const };
      },
    );
}
