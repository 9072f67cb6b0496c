import type { Gender, Occupation } from './dto/user';
import { GENDER_LABELS, OCCUPATION_LABELS } from './dto/user';

export interface EligibilityRules {
  genders: Gender[];
  minAge: number | null;
  maxAge: number | null;
  occupations: Occupation[];
  membersOnly: boolean;
}

export interface EligibilityPerson {
  gender: Gender | null;
  birthYear: number | null;
  occupation: Occupation | null;
  isMember: boolean;
}

/**
 * Why a person may not register, one Chinese sentence per rule that fails, each saying what
 * to do. Empty means eligible. Used by the BFF to decide and by the client to explain.
 */
export function eligibilityReasons(rules: EligibilityRules, person: EligibilityPerson, now: Date): string[] {
  const reasons: string[] = [];
  if (rules.genders.length > 0) {
    if (!person.gender) reasons.push('本活动对性别有要求，请先在“我的”页面填写性别');
    else if (!rules.genders.includes(person.gender)) reasons.push(`本活动仅限${rules.genders.map((g) => GENDER_LABELS[g]).join('、')}性报名`);
  }
  if (rules.minAge !== null || rules.maxAge !== null) {
    if (!person.birthYear) reasons.push('本活动对年龄有要求，请先在“我的”页面填写出生年份');
    else {
      const age = now.getUTCFullYear() - person.birthYear;
      if (rules.minAge !== null && age < rules.minAge) reasons.push(`本活动要求年满${rules.minAge}周岁`);
      if (rules.maxAge !== null && age > rules.maxAge) reasons.push(`本活动要求年龄不超过${rules.maxAge}周岁`);
    }
  }
  if (rules.occupations.length > 0) {
    const list = rules.occupations.map((o) => OCCUPATION_LABELS[o]).join('、');
    if (!person.occupation) reasons.push(`本活动面向${list}，请先在“我的”页面填写职业`);
    else if (!rules.occupations.includes(person.occupation)) reasons.push(`本活动仅面向${list}`);
  }
  if (rules.membersOnly && !person.isMember) reasons.push('本活动仅限工会会员参加，请先申请入会');
  return reasons;
}
