import * as z from 'zod/mini';
import { LIMITS } from '../limits';

/** Levels of the union tree: province > city > district/county > street or industry union. */
export const ORG_LEVELS = ['province', 'city', 'district', 'street', 'industry'] as const;
export const OrgLevelSchema = z.enum(ORG_LEVELS).register(z.globalRegistry, { id: 'OrgLevel' });
export type OrgLevel = z.infer<typeof OrgLevelSchema>;

export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = {
  province: '省级',
  city: '市级',
  district: '区县级',
  street: '街道/乡镇',
  industry: '行业工会',
};

export const OrganisationSchema = z
  .object({
    id: z.int(),
    name: z.string().check(z.maxLength(LIMITS.orgNameMax)),
    level: OrgLevelSchema,
    parentId: z.nullable(z.int()),
  })
  .register(z.globalRegistry, { id: 'Organisation' });
export type Organisation = z.infer<typeof OrganisationSchema>;

export const OrganisationListSchema = z.object({ items: z.array(OrganisationSchema) });
export type OrganisationList = z.infer<typeof OrganisationListSchema>;
