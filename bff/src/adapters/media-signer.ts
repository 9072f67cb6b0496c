import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const SIG_LENGTH = 22;

/**
 * Capability links to uploaded images: `<Image src>` in the mini-program sends no Authorization
 * header, so the link itself carries an expiry and an HMAC over id and expiry. Whoever may see
 * the object is handed a link; the image route checks only the link.
 */
export class MediaSigner {
  private readonly key: Buffer;

  /** `key`: 64 hex characters (32 bytes); anything else is hashed into a key (development, tests). */
  constructor(key: string) {
    this.key = /^[0-9a-fA-F]{64}$/.test(key) ? Buffer.from(key, 'hex') : createHash('sha256').update(key).digest();
  }

  /**
   * The path of an upload's image, valid at least `ttlSeconds` from `now`. The expiry is rounded up
   * to a tenth of the lifetime, so that repeated views hand out the same link and caches can work.
   */
  path(id: string, now: Date, ttlSeconds: number): string {
    const step = Math.max(60, Math.floor(ttlSeconds / 10));
    const exp = Math.ceil((Math.floor(now.getTime() / 1000) + ttlSeconds) / step) * step;
    return `/api/v1/uploads/${id}?exp=${exp}&sig=${this.sig(id, exp)}`;
  }

  /** Whether a link's signature is ours, and if so whether it still holds at `now`. */
  check(id: string, exp: number, sig: string, now: Date): 'valid' | 'forged' | 'expired' {
    const expected = Buffer.from(this.sig(id, exp));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'forged';
    return exp * 1000 < now.getTime() ? 'expired' : 'valid';
  }

  private sig(id: string, exp: number): string {
    return createHmac('sha256', this.key).update(`upload:${id}:${exp}`, 'utf8').digest('base64url').slice(0, SIG_LENGTH);
  }
}
