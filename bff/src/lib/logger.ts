import pino, { type DestinationStream, type Logger } from 'pino';

/** Quoted values in a driver's message ("Duplicate entry '138…' for key …") are people's data. */
const QUOTED = /'(?:[^'\\]|\\.)*'/g;

/**
 * Errors as logs may keep them: a failed query keeps its SQL text (with ? placeholders) and its
 * driver code, never TypeORM's `parameters` or the driver's `sql` (values inlined), and quoted
 * values in messages are masked.
 */
export function safeErr(err: unknown): unknown {
  if (!(err instanceof Error)) return pino.stdSerializers.err(err as Error);
  const e = err as Error & {
    query?: string;
    parameters?: unknown;
    driverError?: { code?: string; errno?: number; sqlState?: string };
    code?: string;
    errno?: number;
  };
  const looksLikeQuery = 'parameters' in e || 'driverError' in e || 'sql' in e || 'sqlMessage' in e;
  if (!looksLikeQuery) return pino.stdSerializers.err(err);
  const mask = (t: string | undefined) => t?.replace(QUOTED, "'…'");
  return {
    type: e.name,
    message: mask(e.message),
    code: e.driverError?.code ?? e.code,
    errno: e.driverError?.errno ?? e.errno,
    sqlState: e.driverError?.sqlState,
    query: typeof e.query === 'string' ? mask(e.query) : undefined,
    stack: e.stack
      ?.split('\n')
      .map((l, i) => (i === 0 ? mask(l) : l))
      .join('\n'),
  };
}

/** JSON logs on stdout; tokens and secrets are redacted wherever they appear in a logged object. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'xlx-bff' },
      serializers: { err: safeErr },
      redact: {
        paths: ['token', '*.token', 'sessionKey', '*.sessionKey', 'secret', '*.secret', 'req.headers.authorization', 'parameters', '*.parameters'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
