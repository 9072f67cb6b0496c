import { meContracts as C } from '@xlx/shared';
import { presentDeviceSession } from '../presenters/session.presenter';
import type { ApiRouter } from '../lib/api-router';
import { presentMe } from '../presenters/user.presenter';
import type { AuthService } from '../services/auth.service';
import type { UserService } from '../services/user.service';

export function meRoutes(api: ApiRouter, users: UserService, auth: AuthService): void {
  api
    .route(C.getMe, async (ctx) => presentMe(await users.getMe(ctx.state.user!.id)))
    .route(C.updateMe, async (ctx, { body }) => presentMe(await users.update(ctx.state.user!.id, body)))
    .route(C.eraseMe, async (ctx) => {
      await users.erase(ctx.state.user!.id);
      auth.forgetUser(ctx.state.user!.id);
      return { ok: true as const };
    })
    .route(C.mySessions, async (ctx) => {
      const { id, sessionId } = ctx.state.user!;
      return { items: (await auth.listSessions(id)).map((s) => presentDeviceSession(s, sessionId)) };
    })
    .route(C.endSession, async (ctx, { params }) => {
      await auth.endSession(ctx.state.user!.id, params.id);
      return { ok: true as const };
    });
}
