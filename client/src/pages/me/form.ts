import { GENDERS, GENDER_LABELS, LIMITS, OCCUPATIONS, OCCUPATION_LABELS, type Gender, type Me, type Occupation, type UpdateMe } from '@xlx/shared';

/** The edit form's values; empty strings stand for "not filled in". */
export interface ProfileForm {
  nickname: string;
  occupation: Occupation | null;
  gender: Gender | null;
  birthYear: number | null;
  phone: string;
}

export const UNSET_LABEL = '未填写';

export const EMPTY_FORM: ProfileForm = { nickname: '', occupation: null, gender: null, birthYear: null, phone: '' };

export const occupationOptions: (Occupation | null)[] = [null, ...OCCUPATIONS];
export const occupationLabels = occupationOptions.map((o) => (o ? OCCUPATION_LABELS[o] : UNSET_LABEL));

export const genderOptions: (Gender | null)[] = [null, ...GENDERS];
export const genderLabels = genderOptions.map((g) => (g ? GENDER_LABELS[g] : UNSET_LABEL));

/** Newest first, as most workers are young; the schema's bounds, computed for this year. */
export function birthYearOptions(now = new Date()): (number | null)[] {
  const years: (number | null)[] = [null];
  for (let y = now.getFullYear() - LIMITS.minAgeYears; y >= LIMITS.birthYearMin; y--) years.push(y);
  return years;
}

export function formFromMe(me: Me): ProfileForm {
  return {
    nickname: me.nickname ?? '',
    occupation: me.occupation,
    gender: me.gender,
    birthYear: me.birthYear,
    phone: me.phone ?? '',
  };
}

/** Only what changed goes to PATCH /me; clearing the phone sends null. */
export function changedFields(me: Me, form: ProfileForm): UpdateMe {
  const patch: Record<string, unknown> = {};
  if (form.nickname !== (me.nickname ?? '')) patch.nickname = form.nickname;
  if (form.occupation !== me.occupation) patch.occupation = form.occupation;
  if (form.gender !== me.gender) patch.gender = form.gender;
  if (form.birthYear !== me.birthYear) patch.birthYear = form.birthYear;
  const phone = form.phone.trim();
  if (phone !== (me.phone ?? '')) patch.phone = phone === '' ? null : phone;
  return patch as UpdateMe;
}
