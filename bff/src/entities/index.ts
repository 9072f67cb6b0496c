import { AuditLogEntity } from './audit-log.entity';
import { BrowserLoginEntity } from './browser-login.entity';
import { CheckinEntity } from './checkin.entity';
import { EventEntity } from './event.entity';
import { EventScanEntity } from './event-scan.entity';
import { NotificationEntity } from './notification.entity';
import { RateCounterEntity } from './rate-counter.entity';
import { RegistrationEntity } from './registration.entity';
import { MembershipEntity } from './membership.entity';
import { RequestEntity, RequestReplyEntity } from './request.entity';
import { KioskLinkEntity } from './kiosk-link.entity';
import {
  MatchBlockEntity,
  MatchGenderSeatEntity,
  MatchParticipantEntity,
  MatchPickEntity,
  MatchProfileEntity,
  MatchRemovalEntity,
  MatchReportEntity,
  MatchSettingsEntity,
} from './matchmaking.entity';
import { OrganisationEntity } from './organisation.entity';
import { RoleGrantEntity } from './role-grant.entity';
import { SessionEntity } from './session.entity';
import { StationPresenceEntity } from './station-presence.entity';
import { StationEntity } from './station.entity';
import { UserEntity } from './user.entity';
import { UploadEntity, uploadEntitySchema } from './upload.entity';
import { OutboxEntity, SubscribeGrantEntity } from './outbox.entity';
import { WechatTokenEntity, WxacodeEntity, wxacodeEntitySchema } from './wechat.entity';
import { VisitDayEntity, VisitOrgDayEntity, VisitWorkerLastEntity } from './visit-rollup.entity';

export {
  MatchBlockEntity,
  MatchGenderSeatEntity,
  MatchParticipantEntity,
  MatchPickEntity,
  MatchProfileEntity,
  MatchRemovalEntity,
  MatchReportEntity,
  MatchSettingsEntity,
};
export { AuditLogEntity, BrowserLoginEntity, MembershipEntity, RateCounterEntity, RequestEntity, RequestReplyEntity };
export { UploadEntity };
export { VisitDayEntity, VisitOrgDayEntity, VisitWorkerLastEntity };
export { WechatTokenEntity, WxacodeEntity, OutboxEntity, SubscribeGrantEntity };
export {
  CheckinEntity,
  EventEntity,
  EventScanEntity,
  NotificationEntity,
  RegistrationEntity,
  KioskLinkEntity,
  OrganisationEntity,
  RoleGrantEntity,
  SessionEntity,
  StationEntity,
  StationPresenceEntity,
  UserEntity,
};

/** Every entity the data source maps. */
export const ENTITIES = [
  OrganisationEntity,
  UserEntity,
  RoleGrantEntity,
  SessionEntity,
  StationEntity,
  CheckinEntity,
  StationPresenceEntity,
  KioskLinkEntity,
  EventEntity,
  RegistrationEntity,
  NotificationEntity,
  EventScanEntity,
  MatchProfileEntity,
  MatchSettingsEntity,
  MatchParticipantEntity,
  MatchPickEntity,
  MatchRemovalEntity,
  MatchBlockEntity,
  MatchReportEntity,
  MatchGenderSeatEntity,
  RequestEntity,
  RequestReplyEntity,
  MembershipEntity,
  RateCounterEntity,
  AuditLogEntity,
  BrowserLoginEntity,
  WechatTokenEntity,
  OutboxEntity,
  SubscribeGrantEntity,
  VisitDayEntity,
  VisitOrgDayEntity,
  VisitWorkerLastEntity,
];

/** What a data source maps: the entities, and the upload table in the form its store needs. */
export function entitiesFor(store: 'mysql' | 'sqlite') {
  return [...ENTITIES, uploadEntitySchema(store), wxacodeEntitySchema(store)];
}
