import { ContactPhoneSchema, EVENT_KIND_LABELS, RegistrationQuestionsSchema, eventKindLabel, registrationAnswersSchema } from './event';

describe('eventKindLabel', () => {
  it.each([
    ['反诈骗宣讲：识破新型网络诈骗', '反诈讲座'],
    ['急救护理培训：心肺复苏与AED', '急救讲座'],
    ['劳动合同与薪酬权益讲座', '权益讲座'],
    ['电动车交通安全讲座', '安全讲座'],
    ['职业规划分享会', '讲座'],
  ])('names the topic of the lecture “%s”: %s', (title, label) => {
    expect(eventKindLabel({ kind: 'lecture', title })).toBe(label);
  });

  it('does not call every lecture a safety lecture, and leaves other kinds as they are', () => {
    expect(EVENT_KIND_LABELS.lecture).toBe('讲座');
    expect(eventKindLabel({ kind: 'health', title: '安全体检' })).toBe('健康体检');
  });
});

describe('registrationAnswersSchema', () => {
  const questions = [
    { kind: 'name', label: '姓名', required: true },
    { kind: 'phone', label: '手机号', required: false },
    { kind: 'text', label: '备注', required: false },
  ] as const;
  const sut = registrationAnswersSchema([...questions]);

  it.each([
    [['王小明'], ['王小明', '', '']],
    [
      ['王小明', '13812345678', '  带孩子  '],
      ['王小明', '13812345678', '带孩子'],
    ],
    [
      [' 李四 ', ''],
      ['李四', '', ''],
    ],
  ])('accepts %j as %j (blank optional answers padded, text trimmed)', (sent, kept) => {
    expect(sut.parse(sent)).toEqual(kept);
  });

  it.each([
    [[], '请填写“姓名”'],
    [['  '], '请填写“姓名”'],
    [['王小明', '123'], '“手机号”须为11位手机号码'],
    [['王小明', '', '', '多余'], '回答比问题多，请刷新页面后再报名'],
    [['王小明', '', 'x'.repeat(201)], '回答最多200个字'],
  ])('refuses %j: %s', (sent, message) => {
    const r = sut.safeParse(sent);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toContain(message);
  });

  it('an event without questions takes no answers', () => {
    expect(registrationAnswersSchema([]).parse(undefined)).toEqual([]);
    expect(registrationAnswersSchema([]).safeParse(['x']).success).toBe(false);
  });
});

describe('RegistrationQuestionsSchema and ContactPhoneSchema', () => {
  it('allows at most five distinct questions', () => {
    const q = (label: string) => ({ kind: 'text' as const, label, required: false });
    expect(RegistrationQuestionsSchema.safeParse(['a', 'b', 'c', 'd', 'e'].map(q)).success).toBe(true);
    expect(RegistrationQuestionsSchema.safeParse(['a', 'b', 'c', 'd', 'e', 'f'].map(q)).success).toBe(false);
    expect(RegistrationQuestionsSchema.safeParse([q('a'), q('a')]).success).toBe(false);
  });

  it.each([
    ['13800138000', true],
    ['0575-82001234', true],
    ['057582001234', true],
    ['12345', false],
    ['138001380001', false],
  ])('contact phone %s: %s', (phone, ok) => {
    expect(ContactPhoneSchema.safeParse(phone).success).toBe(ok);
  });
});
