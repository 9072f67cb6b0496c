import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** Seals contact details at rest (AES-256-GCM); opened only to show a mutual match. */
export class ContactCipher {
  private readonly key: Buffer;

  /** `key`: 64 hex characters (32 bytes). */
  constructor(key: string) {
    this.key = /^[0-9a-fA-F]{64}$/.test(key) ? Buffer.from(key, 'hex') : createHash('sha256').update(key).digest();
  }

  /** A keyed, one-way tag of `input` (e.g. per-event pseudonyms); not reversible without the key. */
  tag(input: string, length = 16): string {
    return createHmac('sha256', this.key).update(`tag:${input}`).digest('base64url').slice(0, length);
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
  }

  open(sealed: string): string {
    const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
    const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }
}
