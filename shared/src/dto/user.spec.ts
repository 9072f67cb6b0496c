import { UpdateMeSchema, birthYearSchema, occupationGreeting } from './user';
import { toFieldIssues } from '../validation';

describe('UpdateMeSchema', () => {
  const thisYear = new Date().getUTCFullYear();
  const valid: Array<[string, unknown]> = [
    ['empty patch', {}],
    ['nickname', { nickname: '王师傅' }],
    ['nickname trimmed to fit', { nickname: '  小王  ' }],
    ['occupation', { occupation: 'food_delivery' }],
    ['clear occupation', { occupation: null }],
    ['gender', { gender: 'female' }],
    ['birth year at the minimum', { birthYear: 1940 }],
    ['birth year at 16 years', { birthYear: thisYear - 16 }],
    ['phone', { phone: '13800138000' }],
    ['clear phone', { phone: null }],
  ];
  it.each(valid)('accepts %s', (_name, input) => {
    expect(UpdateMeSchema.safeParse(input).success).toBe(true);
  });

  const invalid: Array<[string, unknown, string[]]> = [
    ['empty nickname', { nickname: '   ' }, ['nickname']],
    ['nickname too long', { nickname: '长'.repeat(21) }, ['nickname']],
    ['nickname with control chars', { nickname: 'a\u0007b' }, ['nickname']],
    ['nickname not a string', { nickname: 42 }, ['nickname']],
    ['unknown occupation', { occupation: 'astronaut' }, ['occupation']],
    ['unknown gender', { gender: 'x' }, ['gender']],
    ['birth year too early', { birthYear: 1900 }, ['birthYear']],
    ['birth year too late (under 16)', { birthYear: thisYear - 10 }, ['birthYear']],
    ['birth year fractional', { birthYear: 1990.5 }, ['birthYear']],
    ['birth year as string', { birthYear: '1990' }, ['birthYear']],
    ['phone too short', { phone: '1380013800' }, ['phone']],
    ['phone with letters', { phone: '1380013800a' }, ['phone']],
    ['phone landline', { phone: '05718888888' }, ['phone']],
    ['extra field', { role: 'admin' }, ['role']],
    [
      'every field wrong at once',
      { nickname: '', occupation: 1, gender: 2, birthYear: 3, phone: 4, isAdmin: true },
      ['nickname', 'occupation', 'gender', 'birthYear', 'phone', 'isAdmin'],
    ],
  ];
  it.each(invalid)('refuses %s and names the field', (_name, input, fields) => {
    const result = UpdateMeSchema.safeParse(input);
    expect(result.success).toBe(false);
    const issues = toFieldIssues(result.error!);
    expect(issues.map((i) => i.path).sort()).toEqual([...fields].sort());
    for (const issue of issues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('bounds birth year relative to the clock it is given', () => {
    const s = birthYearSchema(new Date('2030-06-01T00:00:00Z'));
    expect(s.safeParse(2014).success).toBe(true);
    expect(s.safeParse(2015).success).toBe(false);
  });
});

describe('occupationGreeting', () => {
  it('greets by trade, and never as "其他"', () => {
    expect(occupationGreeting('food_delivery')).toBe('外卖骑手，辛苦了！');
    expect(occupationGreeting('other')).toBe('工友，辛苦了！');
    expect(occupationGreeting(null)).toBe('工友，辛苦了！');
  });
});
