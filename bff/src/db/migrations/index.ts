import { Init1795920855657 } from './1795920855657-init';
import { Stations1795921638995 } from './1795921638995-Stations';
import { Events1795922543960 } from './1795922543960-Events';
import { Matchmaking1795923438632 } from './1795923438632-Matchmaking';
import { Requests1795923743696 } from './1795923743696-Requests';
import { Hardening1795923942786 } from './1795923942786-Hardening';
import { Audit1795924805031 } from './1795924805031-Audit';
import { GenderSeats1795926854152 } from './1795926854152-GenderSeats';
import { PresenceClaim1795931546648 } from './1795931546648-PresenceClaim';
import { Uploads1795932412676 } from './1795932412676-Uploads';
import { DoorOverrideWantsToMeet1795935000000 } from './1795935000000-DoorOverrideWantsToMeet';
import { BrowserLogin1796015886266 } from './1796015886266-BrowserLogin';
import { WechatPlatform1796015957399 } from './1796015957399-WechatPlatform';
import { SubscriptionMessages1796017118264 } from './1796017118264-SubscriptionMessages';
import { PhoneAndMediaCheck1796019021839 } from './1796019021839-PhoneAndMediaCheck';
import { CheckinMethod1796030000000 } from './1796030000000-CheckinMethod';
import { EventQuestions1796030000001 } from './1796030000001-EventQuestions';
import { EventCover1796040000000 } from './1796040000000-EventCover';
import { EventScans1796040000001 } from './1796040000001-EventScans';
import { VisitRollup1796050000000 } from './1796050000000-VisitRollup';

/**
 * MySQL migrations in the order they run. After changing entities, generate the next one
 * against a database at the current state:
 * `npm run migration:new -w @xlx/bff -- <Name>` (needs MariaDB on 127.0.0.1), and list it here.
 */
export const MYSQL_MIGRATIONS = [
  Init1795920855657,
  Stations1795921638995,
  Events1795922543960,
  Matchmaking1795923438632,
  Requests1795923743696,
  Hardening1795923942786,
  Audit1795924805031,
  GenderSeats1795926854152,
  PresenceClaim1795931546648,
  Uploads1795932412676,
  DoorOverrideWantsToMeet1795935000000,
  BrowserLogin1796015886266,
  WechatPlatform1796015957399,
  SubscriptionMessages1796017118264,
  PhoneAndMediaCheck1796019021839,
  CheckinMethod1796030000000,
  EventQuestions1796030000001,
  EventCover1796040000000,
  EventScans1796040000001,
  VisitRollup1796050000000,
];
