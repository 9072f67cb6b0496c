import type { Middleware } from 'koa';
import type { AppState } from '../context';
import { AppError } from '../lib/app-error';
import type { AuthService } from '../services/auth.service';

/** Resolves `Authorization: Bearer <token>` to ctx.state.user when the token is valid. */
export function authenticate(auth: AuthService): Middleware<AppState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match) {
      const user = await auth.authenticate(match[1]);
      if (user) ctx.state.user = user;
    }
    return next();
  };
}

export function requireUser(): Middleware<AppState> {
  return async (ctx, next) => {
    if (!ctx.state.user) throw new AppError('UNAUTHENTICATED');
    return next();
  };
}

/** Organiser pages: a worker without any grant is refused outright; scope is the service's job. */
export function requireOrganiser(): Middleware<AppState> {
  return async (ctx, next) => {
    if (!ctx.state.user) throw new AppError('UNAUTHENTICATED');
    if (ctx.state.user.grants.length === 0) throw new AppError('FORBIDDEN', '仅工会组织者可以使用此功能');
    return next();
  };
}

export function requireAdmin(): Middleware<AppState> {
  return async (ctx, next) => {
    if (!ctx.state.user) throw new AppError('UNAUTHENTICATED');
    if (!ctx.state.user.grants.some((g) => g.role === 'admin')) throw new AppError('FORBIDDEN', '仅管理员可以查看');
    return next();
  };
}
