import { eligibilityReasons, type EligibilityRules } from './eligibility';

const open: EligibilityRules = { genders: [], minAge: null, maxAge: null, occupations: [], membersOnly: false };
const now = new Date('2026-11-29T00:00:00Z');
const rider = { gender: 'male' as const, birthYear: 1996, occupation: 'food_delivery' as const, isMember: false };

describe('eligibilityReasons', () => {
  it('is empty when there are no rules', () => {
    expect(eligibilityReasons(open, { gender: null, birthYear: null, occupation: null, isMember: false }, now)).toEqual([]);
  });
  it.each([
    ['gender', { ...open, genders: ['female'] }, /仅限女性/],
    ['minimum age', { ...open, minAge: 35 }, /年满35/],
    ['maximum age', { ...open, maxAge: 25 }, /不超过25/],
    ['occupation', { ...open, occupations: ['courier'] }, /仅面向快递员/],
    ['membership', { ...open, membersOnly: true }, /请先申请入会/],
  ] as Array<[string, EligibilityRules, RegExp]>)('explains a failing %s rule', (_n, rules, pattern) => {
    const reasons = eligibilityReasons(rules, rider, now);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(pattern);
  });
  it('asks for a missing profile field instead of refusing outright', () => {
    const reasons = eligibilityReasons(
      { ...open, genders: ['female'], minAge: 18, occupations: ['courier'] },
      { gender: null, birthYear: null, occupation: null, isMember: false },
      now,
    );
    expect(reasons).toHaveLength(3);
    for (const r of reasons) expect(r).toContain('请先在“我的”页面填写');
  });
  it('accepts a matching person', () => {
    expect(
      eligibilityReasons({ genders: ['male'], minAge: 18, maxAge: 35, occupations: ['food_delivery'], membersOnly: true }, { ...rider, isMember: true }, now),
    ).toEqual([]);
  });
});
