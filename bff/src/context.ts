import type { ParameterizedContext } from 'koa';
import type { Logger } from 'pino';
import type { Role } from '@xlx/shared';

export interface AuthGrant {
  role: Role;
  organisationId: number;
}

export interface AuthUser {
  id: number;
  sessionId: number;
  /** How this session signed in: a browser session may not approve another browser's sign-in. */
  sessionKind?: 'miniprogram' | 'browser' | 'dev';
  grants: AuthGrant[];
}

export interface AppState {
  requestId: string;
  log: Logger;
  /** Set by the authenticate middleware when a valid bearer token came with the request. */
  user?: AuthUser;
  /** Parsed and validated input, set by validate(). */
  body?: unknown;
  query?: unknown;
  params?: unknown;
}

export type AppContext = ParameterizedContext<AppState>;
