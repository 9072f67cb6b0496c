import * as z from 'zod/mini';
import { RefIdSchema, IdSchema } from './common';
import { LIMITS } from '../limits';
import { UploadIdSchema } from './upload';
import { OCCUPATIONS } from './user';

/** What a rest station offers; one list for the organiser's form, the worker's filter and the icons. */
export const AMENITIES = [
  'water',
  'medicine',
  'charging',
  'wifi',
  'toilet',
  'microwave',
  'fridge',
  'ice_maker',
  'dryer',
  'massage_chair',
  'air_conditioning',
  'heating',
  'battery_swap',
  'rest_seats',
  'lockers',
  'reading',
] as const;
export const AmenitySchema = z.enum(AMENITIES).register(z.globalRegistry, { id: 'Amenity' });
export type Amenity = z.infer<typeof AmenitySchema>;

export const AMENITY_LABELS: Record<Amenity, string> = {
  water: '饮用水',
  medicine: '常用药品',
  charging: '手机充电',
  wifi: '免费WiFi',
  toilet: '卫生间',
  microwave: '微波炉',
  fridge: '冰箱',
  ice_maker: '制冰机',
  dryer: '烘干机',
  massage_chair: '按摩椅',
  air_conditioning: '空调',
  heating: '取暖器',
  battery_swap: '换电',
  rest_seats: '休息座椅',
  lockers: '储物柜',
  reading: '阅读角',
};

/** One emoji per amenity: renders everywhere without shipping icon images. */
export const AMENITY_ICONS: Record<Amenity, string> = {
  water: '💧',
  medicine: '💊',
  charging: '🔌',
  wifi: '📶',
  toilet: '🚻',
  microwave: '🍱',
  fridge: '🧊',
  ice_maker: '🧊',
  dryer: '👕',
  massage_chair: '💺',
  air_conditioning: '❄️',
  heating: '🔥',
  battery_swap: '🔋',
  rest_seats: '🪑',
  lockers: '🔐',
  reading: '📚',
};

const HHMM = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为 HH:mm，例如 08:30' }));
export const LatitudeSchema = z
  .number({ message: '纬度须为数字' })
  .check(z.gte(-90, { message: '纬度须在 -90 到 90 之间' }), z.lte(90, { message: '纬度须在 -90 到 90 之间' }));
export const LongitudeSchema = z
  .number({ message: '经度须为数字' })
  .check(z.gte(-180, { message: '经度须在 -180 到 180 之间' }), z.lte(180, { message: '经度须在 -180 到 180 之间' }));

export const SignInPolicySchema = z
  .object({
    /** The printed code on the wall is accepted. */
    printed: z.boolean(),
    /** The rotating code of a station screen (kiosk) is accepted. */
    rotating: z.boolean(),
    /** When set, the scanner's location must be within this many metres of the station. */
    radiusMetres: z.nullable(
      z
        .number({ message: '签到范围须为数字' })
        .check(z.int({ message: '签到范围须为整数米' }), z.gte(20, { message: '签到范围至少20米' }), z.lte(5000, { message: '签到范围最多5000米' })),
    ),
  })
  .register(z.globalRegistry, { id: 'SignInPolicy' });
export type SignInPolicy = z.infer<typeof SignInPolicySchema>;

/** Upload ids (purpose station) in the order shown; each uploaded by the organiser who saves the station, or already the station's. */
const StationPhotosSchema = z.array(UploadIdSchema).check(
  z.maxLength(LIMITS.stationPhotosMax, { message: `最多${LIMITS.stationPhotosMax}张照片，请删掉几张再保存` }),
  z.refine((ids) => new Set(ids).size === ids.length, { message: '同一张照片添加了两次，请删掉重复的一张' }),
);

/** A station as workers see it. */
export const StationSchema = z
  .object({
    id: z.int(),
    organisationId: z.int(),
    organisationName: z.string(),
    name: z.string(),
    address: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    open24h: z.boolean(),
    opensAt: z.nullable(z.string()),
    closesAt: z.nullable(z.string()),
    /** Computed for the time of the request, in China time. */
    openNow: z.boolean(),
    amenities: z.array(AmenitySchema),
    description: z.string(),
    areaSqm: z.nullable(z.number()),
    /** Signed paths of the photos on the BFF (prefix the API base); they work in <Image src> for weeks. */
    photos: z.array(z.string()),
    /** The upload ids behind `photos`, same order: an edit sends back the ones it keeps. */
    photoIds: z.array(z.string()),
    /** Per photo, same order: 'checking' while WeChat checks it (only organisers get those, with a 审核中 note). */
    photoStates: z.array(z.enum(['shown', 'checking'])),
    /** Photos WeChat's check found risky: hidden from everyone; organisers are told, and saving drops them. */
    riskyPhotos: z.int(),
    active: z.boolean(),
    signInPolicy: SignInPolicySchema,
    /** Metres from the location given in the query, when one was given. */
    distanceMetres: z.nullable(z.number()),
  })
  .register(z.globalRegistry, { id: 'Station' });
export type Station = z.infer<typeof StationSchema>;

export const StationListSchema = z.object({ items: z.array(StationSchema) });
export type StationList = z.infer<typeof StationListSchema>;

const boolQuery = z.pipe(
  z.enum(['true', 'false', '1', '0']),
  z.transform((v) => v === 'true' || v === '1'),
);

/** GET /stations: near a location (sorted by distance) or by organisation, with filters. */
export const StationQuerySchema = z
  .strictObject({
    lat: z.optional(z.coerce.number().check(z.gte(-90), z.lte(90))),
    lng: z.optional(z.coerce.number().check(z.gte(-180), z.lte(180))),
    organisationId: z.optional(IdSchema),
    /** Comma-separated amenities; a station must offer all of them. */
    amenities: z.pipe(
      z.pipe(
        z.optional(z.string()),
        z.transform((s) => (s ? s.split(',').filter(Boolean) : [])),
      ),
      z.array(AmenitySchema),
    ),
    openNow: z.optional(boolQuery),
    open24h: z.optional(boolQuery),
    q: z.optional(z.string().check(z.trim(), z.maxLength(30))),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(LIMITS.pageSizeMax)), 50),
  })
  .check(z.refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: '经纬度须同时提供', path: ['lat'] }));
export type StationQuery = z.infer<typeof StationQuerySchema>;

/** Create or edit a station (organiser). */
export const StationInputSchema = z
  .strictObject({
    organisationId: RefIdSchema,
    name: z
      .string()
      .check(z.trim(), z.minLength(1, { message: '请填写驿站名称' }), z.maxLength(LIMITS.stationNameMax, { message: `名称最多${LIMITS.stationNameMax}个字` })),
    address: z.string().check(z.trim(), z.minLength(1, { message: '请填写地址' }), z.maxLength(120, { message: '地址最多120个字' })),
    latitude: LatitudeSchema,
    longitude: LongitudeSchema,
    open24h: z.boolean(),
    opensAt: z.nullable(HHMM),
    closesAt: z.nullable(HHMM),
    amenities: z.array(AmenitySchema).check(z.maxLength(AMENITIES.length)),
    description: z._default(z.string().check(z.trim(), z.maxLength(500, { message: '简介最多500字' })), ''),
    areaSqm: z._default(
      z.nullable(
        z
          .number({ message: '面积须为数字' })
          .check(z.int({ message: '面积须为整数平方米' }), z.gte(1, { message: '面积至少1平方米' }), z.lte(100000, { message: '面积最多100000平方米' })),
      ),
      null,
    ),
    photos: z._default(StationPhotosSchema, []),
    active: z._default(z.boolean(), true),
    signInPolicy: SignInPolicySchema,
  })
  .check(
    z.refine((s) => s.open24h || (s.opensAt !== null && s.closesAt !== null), { message: '请填写开放时间，或选择24小时开放', path: ['opensAt'] }),
    z.refine((s) => s.signInPolicy.printed || s.signInPolicy.rotating, { message: '至少允许一种签到码', path: ['signInPolicy'] }),
  )
  .register(z.globalRegistry, { id: 'StationInput' });
export type StationInput = z.infer<typeof StationInputSchema>;

export const StationPatchSchema = z
  .strictObject({
    name: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.stationNameMax))),
    address: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(120))),
    latitude: z.optional(LatitudeSchema),
    longitude: z.optional(LongitudeSchema),
    open24h: z.optional(z.boolean()),
    opensAt: z.optional(z.nullable(HHMM)),
    closesAt: z.optional(z.nullable(HHMM)),
    amenities: z.optional(z.array(AmenitySchema).check(z.maxLength(AMENITIES.length))),
    description: z.optional(z.string().check(z.trim(), z.maxLength(500))),
    areaSqm: z.optional(z.nullable(z.int().check(z.gte(1), z.lte(100000)))),
    photos: z.optional(StationPhotosSchema),
    active: z.optional(z.boolean()),
    signInPolicy: z.optional(SignInPolicySchema),
  })
  .register(z.globalRegistry, { id: 'StationPatch' });
export type StationPatch = z.infer<typeof StationPatchSchema>;

/** A kiosk link: opens the rotating code full screen without a sign-in, until revoked. */
/** A station's printed code: the poster's link, its typeable fallback and the names printed with it. */
export const PrintedCodeSchema = z
  .object({
    payload: z.string(),
    /** What the QR code holds: PUBLIC_URL/q/<payload>. */
    link: z.string(),
    /** Typed under the code when scanning fails, e.g. 12-345678. */
    typedCode: z.string(),
    stationName: z.string(),
    organisationName: z.string(),
  })
  .register(z.globalRegistry, { id: 'PrintedCode' });
export type PrintedCode = z.infer<typeof PrintedCodeSchema>;

export const KioskLinkSchema = z.object({ token: z.string(), url: z.string(), createdAt: z.string() });
export type KioskLink = z.infer<typeof KioskLinkSchema>;

export const KioskCodeSchema = z.object({
  stationName: z.string(),
  payload: z.string(),
  /** What the QR code holds: PUBLIC_URL/q/<payload>, which 扫一扫 and any camera open. */
  link: z.string(),
  /** When this code stops being the current one; the page refreshes then. */
  refreshAt: z.string(),
  rotationSeconds: z.int(),
});
export type KioskCode = z.infer<typeof KioskCodeSchema>;

export const StationStatsSchema = z
  .object({
    scope: z.object({ kind: z.enum(['station', 'organisation']), id: z.int(), name: z.string() }),
    today: z.object({ visits: z.int(), workers: z.int() }),
    week: z.object({ visits: z.int(), workers: z.int() }),
    month: z.object({ visits: z.int(), workers: z.int() }),
    /** Last 30 days, oldest first, China dates. */
    perDay: z.array(z.object({ date: z.string(), visits: z.int(), workers: z.int() })),
    /** Today by hour of day (0-23), China time. */
    perHour: z.array(z.object({ hour: z.int(), visits: z.int() })),
    occupations: z.array(z.object({ occupation: z.enum([...OCCUPATIONS, 'unknown']), workers: z.int() })),
  })
  .register(z.globalRegistry, { id: 'StationStats' });
export type StationStats = z.infer<typeof StationStatsSchema>;

export const StatsQuerySchema = z.strictObject({ organisationId: IdSchema });
