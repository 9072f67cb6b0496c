import { MeSchema, OkSchema, UpdateMeSchema, type UpdateMe } from '@xlx/shared';
import type { ApiRouter } from '../lib/api-router';
import { presentMe } from '../presenters/user.presenter';
import type { AuthService } from '../services/auth.service';
import type { UserService } from '../services/user.service';

export function meRoutes(api: ApiRouter, users: UserService, auth: AuthService): void {
  api
    .route(
      { method: 'get', path: '/api/v1/me', tag: 'me', summary: 'The signed-in person', access: 'user', response: MeSchema },
      async (ctx) => presentMe(await users.getMe(ctx.state.user!.id)),
    )
    .route(
      { method: 'patch', path: '/api/v1/me', tag: 'me', summary: 'Edit nickname, occupation, gender, birth year, phone', access: 'user', body: UpdateMeSchema, response: MeSchema },
      async (ctx) => presentMe(await users.update(ctx.state.user!.id, ctx.state.body as UpdateMe)),
    )
    .route(
      { method: 'delete', path: '/api/v1/me', tag: 'me', summary: 'Delete the account: erases personal data at once; anonymous statistics stay', access: 'user', response: OkSchema },
      async (ctx) => {
        await users.erase(ctx.state.user!.id);
        auth.forgetUser(ctx.state.user!.id);
        return { ok: true as const };
      },
    );
}
