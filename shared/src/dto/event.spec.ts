import { EVENT_KIND_LABELS, eventKindLabel } from './event';

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
