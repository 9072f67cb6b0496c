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
  // @xlx/shared resolves through its package exports; `source` picks its TypeScript (swc compiles it).
  testEnvironmentOptions: { customExportConditions: ['source', 'node', 'require', 'default'] },
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/client/src/$1' },
  rootDir: __dirname,
};

module.exports = {
  projects: [
    { ...common, displayName: 'shared', testMatch: ['<rootDir>/shared/src/**/*.spec.ts'] },
    // Client checks that need no server: the build config, the weapp output, the privacy declaration.
    { ...common, displayName: 'client', testMatch: ['<rootDir>/client/test/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'bff',
      testMatch: ['<rootDir>/bff/src/**/*.spec.ts', '<rootDir>/bff/test/**/*.spec.ts'],
      setupFiles: ['reflect-metadata'],
      setupFilesAfterEnv: ['<rootDir>/bff/test/helpers/jest-timeout.ts'],
    },
    { ...common, displayName: 'weapp', testMatch: ['<rootDir>/test/weapp/**/*.weapp.ts'], setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'], setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'] },
  ],
};
