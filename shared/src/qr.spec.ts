import { encodeQr, parseQr, QR_MAX_LENGTH, qrSigningInput, rotationWindow } from './qr';

const SIG = 'AbCdEf012_-x';

describe('QR payloads', () => {
  const good: Array<[string, Parameters<typeof encodeQr>[0]]> = [
    ['printed station', { kind: 'station', id: 1, sig: SIG }],
    ['printed station, large id', { kind: 'station', id: 2_000_000_000, sig: SIG }],
    ['rotating station', { kind: 'station-rotating', id: 42, window: rotationWindow(new Date('2026-11-29T03:00:00Z')), sig: SIG }],
    ['ticket', { kind: 'ticket', id: 123456, sig: SIG }],
    ['event rotating', { kind: 'event-rotating', id: 7, window: 59_864_400, sig: SIG }],
    ['browser sign-in', { kind: 'login', id: 2_000_000_000, sig: SIG }],
  ];
  it.each(good)('round-trips a %s code within 32 characters', (_n, payload) => {
    const text = encodeQr(payload);
    expect(text.length).toBeLessThanOrEqual(QR_MAX_LENGTH);
    expect(text).toMatch(/^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]+$/); // WeChat scene alphabet
    expect(parseQr(text)).toEqual(payload);
  });

  it('accepts a URL-encoded scene and a link carrying it', () => {
    const text = encodeQr({ kind: 'station', id: 99, sig: SIG });
    expect(parseQr(encodeURIComponent(text))).toMatchObject({ id: 99 });
    expect(parseQr(`https://example.org/s?scene=${encodeURIComponent(text)}`)).toMatchObject({ id: 99 });
    expect(parseQr(`  ${text}\n`)).toMatchObject({ id: 99 });
  });

  const bad: Array<[string, string]> = [
    ['empty', ''],
    ['unknown version', `S2.1.${SIG}`],
    ['unknown kind', `X1.1.${SIG}`],
    ['missing signature', 'S1.1'],
    ['short signature', 'S1.1.AbCd'],
    ['long signature', `S1.1.${SIG}x`],
    ['bad signature characters', 'S1.1.AbCdEf012+/x'],
    ['uppercase id', `S1.AZ.${SIG}`],
    ['zero id', `S1.0.${SIG}`],
    ['rotating without window', `R1.1.${SIG}`],
    ['printed with a window', `S1.1.abc.${SIG}`],
    ['sign-in code with a window', `L1.1.abc.${SIG}`],
    ['too long', `S1.${'z'.repeat(30)}.${SIG}`],
    ['bad percent encoding', '%E0%A4%A'],
    ['a random URL', 'https://weixin.qq.com/'],
    ['Chinese text', '心连新驿站'],
  ];
  it.each(bad)('refuses %s', (_n, text) => {
    expect(parseQr(text)).toBeNull();
  });

  it('signs everything but the signature', () => {
    expect(qrSigningInput({ kind: 'station-rotating', id: 35, window: 36 })).toBe('R1.z.10');
  });
});
