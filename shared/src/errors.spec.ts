import { ERROR_CODES, ERROR_MESSAGES, ERROR_STATUS, isErrorBody } from './errors';

describe('error codes', () => {
  it('gives every code a 4xx/5xx status and a Chinese message', () => {
    for (const code of ERROR_CODES) {
      expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
      expect(ERROR_STATUS[code]).toBeLessThan(600);
      expect(ERROR_MESSAGES[code]).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('recognises the error body and nothing else', () => {
    expect(isErrorBody({ error: { code: 'NOT_FOUND', message: '不存在', requestId: 'r1' } })).toBe(true);
    expect(isErrorBody({ error: { code: 'NOPE', message: 'x', requestId: 'r1' } })).toBe(false);
    expect(isErrorBody({ error: { code: 'NOT_FOUND', message: 'x' } })).toBe(false);
    expect(isErrorBody({ ok: true })).toBe(false);
    expect(isErrorBody(null)).toBe(false);
  });
});
