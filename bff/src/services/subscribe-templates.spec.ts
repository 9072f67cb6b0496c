import { loadConfig } from '../config';
import { fieldValue, templateData } from './subscribe-templates';

describe('WECHAT_SUBSCRIBE_TEMPLATES at start-up', () => {
  const load = (v: string) => () => loadConfig({ WECHAT_SUBSCRIBE_TEMPLATES: v });

  it('reads templates by kind', () => {
    const c = loadConfig({ WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify({ promoted: { id: 'abc-DEF_1', fields: { thing1: 'event', time2: 'startsAt' } } }) });
    expect(c.subscribeTemplates.promoted).toEqual({ id: 'abc-DEF_1', fields: { thing1: 'event', time2: 'startsAt' } });
    expect(loadConfig({}).subscribeTemplates).toEqual({});
  });

  it.each([
    ['{not json', /is not valid JSON/],
    ['{"promotion":{"id":"a","fields":{"thing1":"event"}}}', /unknown message kind "promotion"/],
    ['{"promoted":{"fields":{"thing1":"event"}}}', /promoted.id must be the template id/],
    ['{"promoted":{"id":"a","fields":{}}}', /promoted.fields must map/],
    ['{"promoted":{"id":"a","fields":{"words1":"event"}}}', /promoted.fields.words1 is not a WeChat field/],
    ['{"promoted":{"id":"a","fields":{"thing1":"reply"}}}', /promoted.fields.thing1 must be one of event, startsAt/],
  ])('refuses %s', (value, message) => {
    expect(load(value)).toThrow(message);
  });
});

describe('field values cut to WeChat limits', () => {
  it.each([
    ['thing1', '新就业形态劳动者免费健康体检暨安全生产知识讲座', '新就业形态劳动者免费健康体检暨安全生产…'],
    ['thing2', '短', '短'],
    ['thing3', '第一行\n第二行', '第一行 第二行'],
    ['phrase1', '候补成功了OK', '候补成功了'],
    ['phrase2', 'OK', '通知'],
    ['name1', '一二三四五六七八九十十一', '一二三四五六七八九十'],
    ['character_string1', 'x'.repeat(40), 'x'.repeat(32)],
    ['symbol1', '!!!!!!!', '!!!!!'],
    ['time4', '2026-12-03T01:00:00.000Z', '2026年12月3日 09:00'],
    ['date5', '2026-12-02T16:30:00.000Z', '2026年12月3日 00:30'],
  ])('%s', (key, value, expected) => {
    expect(fieldValue(key, value)).toBe(expected);
  });

  it('fills a field whose value is missing, since WeChat refuses empty fields', () => {
    expect(templateData({ id: 't', fields: { thing1: 'event', thing2: 'venue' } }, { event: '体检' })).toEqual({
      thing1: { value: '体检' },
      thing2: { value: '-' },
    });
  });
});
