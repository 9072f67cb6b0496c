import { z } from 'zod';
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
export const AmenitySchema = z.enum(AMENITIES).meta({ id: 'Amenity' });
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

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: '时间格式应为 HH:mm，例如 08:30' });
export const LatitudeSchema = z
  .number({ message: '纬度须为数字' })
  .min(-90, { message: '纬度须在 -90 到 90 之间' })
  .max(90, { message: '纬度须在 -90 到 90 之间' });
export const LongitudeSchema = z
  .number({ message: '经度须为数字' })
  .min(-180, { message: '经度须在 -180 到 180 之间' })
  .max(180, { message: '经度须在 -180 到 180 之间' });

export const SignInPolicySchema = z
  .object({
    /** The printed code on the wall is accepted. */
    printed: z.boolean(),
    /** The rotating code of a station screen (kiosk) is accepted. */
    rotating: z.boolean(),
    /** When set, the scanner's location must be within this many metres of the station. */
    radiusMetres: z
      .number({ message: '签到范围须为数字' })
      .int({ message: '签到范围须为整数米' })
      .min(20, { message: '签到范围至少20米' })
      .max(5000, { message: '签到范围最多5000米' })
      .nullable(),
  })
  .meta({ id: 'SignInPolicy' });
export type SignInPolicy = z.infer<typeof SignInPolicySchema>;

/** Upload ids (purpose station) in the order shown; each uploaded by the organiser who saves the station, or already the station's. */
const StationPhotosSchema = z
  .array(UploadIdSchema)
  .max(LIMITS.stationPhotosMax, { message: `最多${LIMITS.stationPhotosMax}张照片，请删掉几张再保存` })
  .refine((ids) => new Set(ids).size === ids.length, { message: '同一张照片添加了两次，请删掉重复的一张' });

/** A station as workers see it. */
export const StationSchema = z
  .object({
    id: z.number().int(),
    organisationId: z.number().int(),
    organisationName: z.string(),
    name: z.string(),
    address: z.string(),
    latitude: z.number(),
    longitude: z.number(),
    open24h: z.boolean(),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    /** Computed for the time of the request, in China time. */
    openNow: z.boolean(),
    amenities: z.array(AmenitySchema),
    description: z.string(),
    areaSqm: z.number().nullable(),
    /** Signed paths of the photos on the BFF (prefix the API base); they work in <Image src> for weeks. */
    photos: z.array(z.string()),
    /** The upload ids behind `photos`, same order: an edit sends back the ones it keeps. */
    photoIds: z.array(z.string()),
    /** Per photo, same order: 'checking' while WeChat checks it (only organisers get those, with a 审核中 note). */
    photoStates: z.array(z.enum(['shown', 'checking'])),
    /** Photos WeChat's check found risky: hidden from everyone; organisers are told, and saving drops them. */
    riskyPhotos: z.number().int(),
    active: z.boolean(),
    signInPolicy: SignInPolicySchema,
    /** Metres from the location given in the query, when one was given. */
    distanceMetres: z.number().nullable(),
  })
  .meta({ id: 'Station' });
export type Station = z.infer<typeof StationSchema>;

export const StationListSchema = z.object({ items: z.array(StationSchema) });
export type StationList = z.infer<typeof StationListSchema>;

const boolQuery = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** GET /stations: near a location (sorted by distance) or by organisation, with filters. */
export const StationQuerySchema = z
  .object({
    lat: z.coerce.number().min(-90).max(90).optional(),
    lng: z.coerce.number().min(-180).max(180).optional(),
    organisationId: IdSchema.optional(),
    /** Comma-separated amenities; a station must offer all of them. */
    amenities: z
      .string()
      .optional()
      .transform((s) => (s ? s.split(',').filter(Boolean) : []))
      .pipe(z.array(AmenitySchema)),
    openNow: boolQuery.optional(),
    open24h: boolQuery.optional(),
    q: z.string().trim().max(30).optional(),
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(50),
  })
  .strict()
  .refine((q) => (q.lat === undefined) === (q.lng === undefined), { message: '经纬度须同时提供', path: ['lat'] });
export type StationQuery = z.infer<typeof StationQuerySchema>;

/** Create or edit a station (organiser). */
export const StationInputSchema = z
  .object({
    organisationId: RefIdSchema,
    name: z
      .string()
      .trim()
      .min(1, { message: '请填写驿站名称' })
      .max(LIMITS.stationNameMax, { message: `名称最多${LIMITS.stationNameMax}个字` }),
    address: z.string().trim().min(1, { message: '请填写地址' }).max(120, { message: '地址最多120个字' }),
    latitude: LatitudeSchema,
    longitude: LongitudeSchema,
    open24h: z.boolean(),
    opensAt: HHMM.nullable(),
    closesAt: HHMM.nullable(),
    amenities: z.array(AmenitySchema).max(AMENITIES.length),
    description: z.string().trim().max(500, { message: '简介最多500字' }).default(''),
    areaSqm: z
      .number({ message: '面积须为数字' })
      .int({ message: '面积须为整数平方米' })
      .min(1, { message: '面积至少1平方米' })
      .max(100000, { message: '面积最多100000平方米' })
      .nullable()
      .default(null),
    photos: StationPhotosSchema.default([]),
    active: z.boolean().default(true),
    signInPolicy: SignInPolicySchema,
  })
  .strict()
  .refine((s) => s.open24h || (s.opensAt !== null && s.closesAt !== null), { message: '请填写开放时间，或选择24小时开放', path: ['opensAt'] })
  .refine((s) => s.signInPolicy.printed || s.signInPolicy.rotating, { message: '至少允许一种签到码', path: ['signInPolicy'] })
  .meta({ id: 'StationInput' });
export type StationInput = z.infer<typeof StationInputSchema>;

export const StationPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(LIMITS.stationNameMax).optional(),
    address: z.string().trim().min(1).max(120).optional(),
    latitude: LatitudeSchema.optional(),
    longitude: LongitudeSchema.optional(),
    open24h: z.boolean().optional(),
    opensAt: HHMM.nullable().optional(),
    closesAt: HHMM.nullable().optional(),
    amenities: z.array(AmenitySchema).max(AMENITIES.length).optional(),
    description: z.string().trim().max(500).optional(),
    areaSqm: z.number().int().min(1).max(100000).nullable().optional(),
    photos: StationPhotosSchema.optional(),
    active: z.boolean().optional(),
    signInPolicy: SignInPolicySchema.optional(),
  })
  .strict()
  .meta({ id: 'StationPatch' });
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
  .meta({ id: 'PrintedCode' });
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
  rotationSeconds: z.number().int(),
});
export type KioskCode = z.infer<typeof KioskCodeSchema>;

export const StationStatsSchema = z
  .object({
    scope: z.object({ kind: z.enum(['station', 'organisation']), id: z.number().int(), name: z.string() }),
    today: z.object({ visits: z.number().int(), workers: z.number().int() }),
    week: z.object({ visits: z.number().int(), workers: z.number().int() }),
    month: z.object({ visits: z.number().int(), workers: z.number().int() }),
    /** Last 30 days, oldest first, China dates. */
    perDay: z.array(z.object({ date: z.string(), visits: z.number().int(), workers: z.number().int() })),
    /** Today by hour of day (0-23), China time. */
    perHour: z.array(z.object({ hour: z.number().int(), visits: z.number().int() })),
    occupations: z.array(z.object({ occupation: z.enum([...OCCUPATIONS, 'unknown']), workers: z.number().int() })),
  })
  .meta({ id: 'StationStats' });
export type StationStats = z.infer<typeof StationStatsSchema>;

export const StatsQuerySchema = z.object({ organisationId: IdSchema }).strict();
