import { SESSION_KIND_LABELS, type DeviceSession } from '@xlx/shared';
import type { SessionEntity } from '../entities';

/** One of my sessions as 我的 lists it; the token hash and WeChat's session_key never leave. */
export function presentDeviceSession(s: SessionEntity, currentId: number): DeviceSession {
  return {
    id: s.id,
    kind: s.kind,
    label: s.kind === 'browser' && s.label ? s.label : SESSION_KIND_LABELS[s.kind],
    createdAt: new Date(s.createdAt).toISOString(),
    expiresAt: new Date(s.expiresAt).toISOString(),
    current: s.id === currentId,
  };
}
