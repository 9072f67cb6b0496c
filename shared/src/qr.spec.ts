import QRCode from 'qrcode';
import { encodeQr, linkForPayload, parseQr, payloadFromScan, QR_MAX_LENGTH, qrSigningInput, rotationWindow, SCAN_REFUSAL_MESSAGES } from './qr';

const SIG = 'AbCdEf012_-x';

describe('QR payloads', () => {
  const good: Array<[string, Parameters<typeof encodeQr>[0]]> = [
    ['printed station', { kind: 'station', id: 1, sig: SIG }],
    ['printed station, large id', { kind: 'station', id: 2_000_000_000, sig: SIG }],
    ['rotating station', { kind: 'station-rotating', id: 42, window: rotationWindow(new Date('2026-11-29T03:00:00Z')), sig: SIG }],
    ['ticket', { kind: 'ticket', id: 123456, sig: SIG }],
    ['event rotating', { kind: 'event-rotating', id: 7, window: 59_864_400, sig: SIG }],
    ['typed station', { kind: 'station-typed', id: 12, sig: '045678' }],
    ['browser sign-in', { kind: 'login', id: 2_000_000_000, sig: SIG }],
    ['member card', { kind: 'member', id: 2_000_000_000, sig: SIG }],
  ];
  it.each(good)('round-trips a %s code within 32 characters', (_n, payload) => {
    const text = encodeQr(payload);
    expect(text.length).toBeLessThanOrEqual(QR_MAX_LENGTH);
    expect(text).toMatch(/^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]+$/); // WeChat scene alphabet
    expect(parseQr(text)).toEqual(payload);
  });

  it('accepts a URL-encoded scene, and surrounding space', () => {
    const text = encodeQr({ kind: 'station', id: 99, sig: SIG });
    expect(parseQr(encodeURIComponent(text))).toMatchObject({ id: 99 });
    expect(parseQr(`  ${text}\n`)).toMatchObject({ id: 99 });
  });

  it.each([['12-045678'], ['12 045678'], ['１２－０４５６７８'], ['12—045678']])('reads the typed fallback code %s as people type it', (text) => {
    expect(parseQr(text)).toEqual({ kind: 'station-typed', id: 12, sig: '045678' });
  });

  it("no longer takes a payload out of just any link (somebody else's code)", () => {
    const text = encodeQr({ kind: 'station', id: 99, sig: SIG });
    expect(parseQr(`https://example.org/s?scene=${encodeURIComponent(text)}`)).toBeNull();
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
    ['member card with a window', `M1.1.abc.${SIG}`],
    ['member card of version 2', `M2.1.${SIG}`],
    ['too long', `S1.${'z'.repeat(30)}.${SIG}`],
    ['bad percent encoding', '%E0%A4%A'],
    ['a random URL', 'https://weixin.qq.com/'],
    ['Chinese text', '心连新驿站'],
    ['typed code with 5 digits', '12-04567'],
    ['typed code with 7 digits', '12-0456789'],
    ['typed code without a separator', '12045678'],
    ['typed code of station 0', '0-045678'],
  ];
  it.each(bad)('refuses %s', (_n, text) => {
    expect(parseQr(text)).toBeNull();
  });

  it('reads a member card as a member card, never as a ticket of the same id', () => {
    const card = encodeQr({ kind: 'member', id: 77, sig: SIG });
    expect(card).toBe(`M1.25.${SIG}`);
    expect(qrSigningInput({ kind: 'member', id: 77 })).not.toBe(qrSigningInput({ kind: 'ticket', id: 77 }));
    expect(payloadFromScan(`https://xlx.example.org/q/${card}`, ['https://xlx.example.org'])).toMatchObject({ ok: true, qr: { kind: 'member', id: 77 } });
  });

  it('signs everything but the signature', () => {
    expect(qrSigningInput({ kind: 'station-rotating', id: 35, window: 36 })).toBe('R1.z.10');
  });
});

describe('scannable links', () => {
  const PUBLIC = 'https://xlx.example.org';
  const station = encodeQr({ kind: 'station', id: 1, sig: SIG });
  const rotating = encodeQr({ kind: 'station-rotating', id: 2, window: 59_864_400, sig: SIG });
  const event = encodeQr({ kind: 'event-rotating', id: 3, window: 59_864_400, sig: SIG });

  it('puts the payload under PUBLIC_URL/q/ without escaping', () => {
    expect(linkForPayload(PUBLIC, station)).toBe(`${PUBLIC}/q/${station}`);
    expect(linkForPayload(`${PUBLIC}/`, station)).toBe(`${PUBLIC}/q/${station}`);
    expect(encodeURIComponent(station)).toBe(station);
  });

  it.each([[station], [rotating], [event]])('keeps %s in a version 4 QR code at level M, for a 23-character host', (payload) => {
    const link = linkForPayload(PUBLIC, payload);
    expect(QRCode.create(link, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(4);
  });

  const accepted: Array<[string, string, string]> = [
    ['a link under PUBLIC_URL', `${PUBLIC}/q/${station}`, station],
    ['a rotating code link', `${PUBLIC}/q/${rotating}`, rotating],
    ['an event self check-in link', `${PUBLIC}/q/${event}`, event],
    ['the host in capitals and the default port', `HTTPS://XLX.Example.org:443/q/${station}`, station],
    ['a link with a query WeChat or a browser added', `${PUBLIC}/q/${station}?from=singlemessage`, station],
    ['a `q` as WeChat hands it, encoded once', decodeURIComponent(encodeURIComponent(`${PUBLIC}/q/${station}`)), station],
    ['the payload alone', station, station],
    ['a URL-encoded scene', encodeURIComponent(rotating), rotating],
    ['a mini-program code path from the in-app scanner', `pages/index/index?scene=${encodeURIComponent(station)}`, station],
    ['the typed fallback code', '7-123456', '7-123456'],
  ];
  it.each(accepted)('accepts %s', (_n, text, payload) => {
    expect(payloadFromScan(text, [PUBLIC])).toMatchObject({ ok: true, payload });
  });

  const refused: Array<[string, string, string]> = [
    ['nothing', '   ', 'empty'],
    ["another host (somebody else's code)", `https://evil.example.com/q/${station}`, 'foreign'],
    ['a look-alike host', `https://xlx.example.org.evil.com/q/${station}`, 'foreign'],
    ['our host over another scheme', `http://xlx.example.org/q/${station}`, 'foreign'],
    ['another port', `https://xlx.example.org:8443/q/${station}`, 'foreign'],
    ['a user-info trick', `https://xlx.example.org@evil.com/q/${station}`, 'foreign'],
    ['a non-web scheme', `weixin://dl/business/?t=abc`, 'foreign'],
    ['an unknown path', `${PUBLIC}/s/${station}`, 'unknown-path'],
    ['the site root', `${PUBLIC}/`, 'unknown-path'],
    ['a path below the payload', `${PUBLIC}/q/${station}/x`, 'unknown-path'],
    ['an empty payload', `${PUBLIC}/q/`, 'unknown-path'],
    ['a payload in the query of another path', `${PUBLIC}/s?scene=${station}`, 'unknown-path'],
    ['a tampered payload', `${PUBLIC}/q/S9.1.${SIG}`, 'invalid'],
    ['a truncated signature', `${PUBLIC}/q/S1.1.AbCd`, 'invalid'],
    ['plain text', '心连新驿站', 'invalid'],
    ['a mini-program path without a scene', 'pages/index/index?x=1', 'invalid'],
  ];
  it.each(refused)('refuses %s with a message', (_n, text, reason) => {
    const r = payloadFromScan(text, [PUBLIC]);
    expect(r).toEqual({ ok: false, reason, message: SCAN_REFUSAL_MESSAGES[reason as keyof typeof SCAN_REFUSAL_MESSAGES] });
  });

  it('refuses every link when it knows no origin of its own', () => {
    expect(payloadFromScan(`${PUBLIC}/q/${station}`, [])).toMatchObject({ ok: false, reason: 'foreign' });
  });
});
