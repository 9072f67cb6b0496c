/**
 * Dependencies whose published code has syntax newer than ES2015 (zod 4: object spread, `?.`,
 * `??`). The mini-program output must parse as ES2015 on old phones without the console's
 * "ES6 转 ES5", so the build runs them through Babel (config/index.ts `compile.include`), down to
 * ES2015 (babel.config.js): they stay smaller than at ES5. client/test/weapp-build.spec.ts
 * parses every output file; add a package here when it names one.
 */
const TRANSPILED_DEPENDENCIES = ['zod'];

/** Matches a file inside one of those packages (any node_modules). */
const TRANSPILED_DEPENDENCY_FILE = new RegExp(`[\\\\/]node_modules[\\\\/](?:${TRANSPILED_DEPENDENCIES.join('|')})[\\\\/]`);

/** Engines with full ES2015 syntax: what those packages are compiled for. */
const ES2015_TARGETS = { chrome: '51', ios: '10' };

module.exports = { TRANSPILED_DEPENDENCIES, TRANSPILED_DEPENDENCY_FILE, ES2015_TARGETS };
