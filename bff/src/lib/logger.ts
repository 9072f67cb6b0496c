import pino, { type Logger } from 'pino';

/** JSON logs on stdout; tokens and secrets are redacted wherever they appear in a logged object. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'xlx-bff' },
    redact: { paths: ['token', '*.token', 'sessionKey', '*.sessionKey', 'secret', '*.secret', 'req.headers.authorization'], censor: '[redacted]' },
  });
}
