import * as z from 'zod/mini';
import type { Contract } from '../contract';
import * as contracts from './index';

// Every group the index exports (`…Contracts`), so a new feature's contracts are checked without listing them here.
const groups = Object.fromEntries(Object.entries(contracts).filter(([name]) => name.endsWith('Contracts'))) as Record<string, Record<string, Contract>>;
const all = Object.entries(groups).flatMap(([g, cs]) => Object.entries(cs).map(([name, c]) => [`${g}.${name}`, c] as const));

describe('route contracts', () => {
  it('name each route once (method and path), under /api/v1', () => {
    const keys = all.map(([, c]) => `${c.method} ${c.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [, c] of all) expect(c.path.startsWith('/api/v1/')).toBe(true);
  });

  it.each(all)('%s declares a params schema with exactly the path parameters', (_name, c) => {
    const inPath = [...c.path.matchAll(/:(\w+)/g)].map((m) => m[1]).sort();
    const declared = c.params ? Object.keys((c.params as z.ZodMiniObject).shape).sort() : [];
    expect(declared).toEqual(inPath);
  });

  // A schema registered with an id (z.globalRegistry) comes back as a $ref to its own $defs entry (an OpenAPI component).
  const jsonSchema = (s: z.core.$ZodType, io: 'input' | 'output') => {
    const js = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as { $ref?: string; $defs?: Record<string, object> };
    return js.$ref ? js.$defs?.[js.$ref.replace('#/$defs/', '')] : js;
  };
  it.each(all)('%s yields a JSON schema for its input and its answer (the OpenAPI components)', (_name, c) => {
    for (const s of [c.params, c.query, c.body].filter(Boolean) as z.core.$ZodType[]) expect(jsonSchema(s, 'input')).toHaveProperty('type');
    if (!c.produces) expect(jsonSchema(c.response, 'output')).toHaveProperty('type', 'object');
  });
});
