// Two projects: unit specs beside the code, e2e specs in test/ against the real engine
// (FerretDB built and started by the global setup, or MONGODB_URI), real Redis, the fake LLM
// server and an in-process SMTP capture.
// Unit specs are transpiled only (isolatedModules): `npm run typecheck` does the type checking
// once. The e2e project compiles with a program so the @nestjs/swagger plugin (which needs the
// type checker) runs as in `nest build`: the app under test serves the committed OpenAPI document.
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.jest.json', diagnostics: false }];
const tsJestWithSwaggerPlugin = [
  'ts-jest',
  {
    tsconfig: 'tsconfig.e2e.json',
    diagnostics: false,
    astTransformers: { before: ['<rootDir>/test/support/swagger-plugin.transformer.js'] },
  },
];

module.exports = {
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      roots: ['<rootDir>/src', '<rootDir>/libs', '<rootDir>/config'],
      testRegex: '\\.spec\\.ts$',
      transform: { '^.+\\.ts$': tsJest },
      testEnvironment: 'node',
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      roots: ['<rootDir>/test'],
      testRegex: '\\.e2e-spec\\.ts$',
      transform: { '^.+\\.ts$': tsJestWithSwaggerPlugin },
      testEnvironment: 'node',
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      slowTestThreshold: 30,
    },
  ],
  maxWorkers: 2,
  // Generous: a loaded 2-core machine is slower, never red. Waits inside tests (test/support/wait.ts)
  // fail first, with a message naming what they waited for.
  testTimeout: 600_000,
};
