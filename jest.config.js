// One jest for the whole repo. TEST_STORE picks the store the bff suites run on (sqlite | mysql);
// test/run-all.mjs runs the bff projects once per store and the e2e project once.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2021',
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: { '^@xlx/shared$': '<rootDir>/shared/src/index.ts' },
  rootDir: __dirname,
};

module.exports = {
  projects: [
    // The client's source checks (client/test) run with shared: no store, no browser.
    { ...common, displayName: 'shared', testMatch: ['<rootDir>/shared/src/**/*.spec.ts', '<rootDir>/client/test/**/*.spec.ts'] },
    { ...common, displayName: 'bff', testMatch: ['<rootDir>/bff/src/**/*.spec.ts', '<rootDir>/bff/test/**/*.spec.ts'], setupFiles: ['reflect-metadata'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'], setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'] },
  ],
};
