import { DevSignInSchema, WechatSignInSchema } from './auth';

describe('sign-in schemas', () => {
  it.each([
    [{ code: '0a1b2c' }, true],
    [{ code: '' }, false],
    [{ code: '   ' }, false],
    [{ code: 'x'.repeat(129) }, false],
    [{ code: 123 }, false],
    [{}, false],
    [{ code: 'abc', extra: 1 }, false],
  ])('wechat %j -> %s', (input, ok) => {
    expect(WechatSignInSchema.safeParse(input).success).toBe(ok);
  });

  it.each([
    [{ name: '王泽锋' }, true],
    [{ name: '' }, false],
    [{ name: '名'.repeat(21) }, false],
    [{ name: null }, false],
  ])('dev %j -> %s', (input, ok) => {
    expect(DevSignInSchema.safeParse(input).success).toBe(ok);
  });
});
