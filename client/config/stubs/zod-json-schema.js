// Mini-program build only (config/index.ts): zod's JSON Schema output (Schema.toJSONSchema(),
// z.toJSONSchema, the `~standard` jsonSchema methods and the minLength/maxLength/format getters
// read from it) stays out of the main package; the app only parses with zod. Asking for it there
// fails plainly. This file stands for zod/v4/core/json-schema-processors.js and to-json-schema.js.
function unavailable() {
  throw new Error('zod JSON Schema is not part of the mini-program build (client/config/stubs/zod-json-schema.js)');
}

export const aggregateChecks = unavailable;
export const allProcessors = {};
export const anyProcessor = unavailable;
export const arrayProcessor = unavailable;
export const bigintProcessor = unavailable;
export const booleanProcessor = unavailable;
export const catchProcessor = unavailable;
export const createStandardJSONSchemaMethod = () => unavailable;
export const createToJSONSchemaMethod = () => unavailable;
export const customProcessor = unavailable;
export const dateProcessor = unavailable;
export const defaultProcessor = unavailable;
export const enumProcessor = unavailable;
export const extractDefs = unavailable;
export const fileProcessor = unavailable;
export const finalize = unavailable;
export const functionProcessor = unavailable;
export const handleUnrepresentable = unavailable;
export const initializeContext = unavailable;
export const intersectionProcessor = unavailable;
export const lazyProcessor = unavailable;
export const literalProcessor = unavailable;
export const mapProcessor = unavailable;
export const nanProcessor = unavailable;
export const neverProcessor = unavailable;
export const nonoptionalProcessor = unavailable;
export const nullProcessor = unavailable;
export const nullableProcessor = unavailable;
export const numberProcessor = unavailable;
export const objectProcessor = unavailable;
export const optionalProcessor = unavailable;
export const pipeProcessor = unavailable;
export const prefaultProcessor = unavailable;
export const processSchema = unavailable;
export const promiseProcessor = unavailable;
export const readonlyProcessor = unavailable;
export const recordProcessor = unavailable;
export const setProcessor = unavailable;
export const stringProcessor = unavailable;
export const successProcessor = unavailable;
export const symbolProcessor = unavailable;
export const templateLiteralProcessor = unavailable;
export const toJSONSchema = unavailable;
export const transformProcessor = unavailable;
export const tupleProcessor = unavailable;
export const undefinedProcessor = unavailable;
export const unionProcessor = unavailable;
export const unknownProcessor = unavailable;
export const voidProcessor = unavailable;
export { processSchema as process };
