// Boundaries of DESIGN.md's layout, checked by `npm run lint` (and so by .ci/run).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'web-through-the-typed-client',
      comment: 'The web client talks to the API only through clients/typescript: it imports no server code.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(src|libs|config|test|tools)/' },
    },
    {
      name: 'no-foreign-schema-or-repository',
      comment: "A context never imports another context's schema or repository: it uses the other module's exports.",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/([^/]+)/.+[.](schema|repository)[.]ts$', pathNot: '^src/$1/' },
    },
    {
      name: 'contexts-through-their-index',
      comment: 'A context reaches another one only through its index.ts (what its module exports).',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/([^/]+)/.+', pathNot: ['^src/$1/', '^src/[^/]+/index[.]ts$'] },
    },
    {
      name: 'admin-is-on-top',
      comment: 'The admin context uses the others; none of them imports admin.',
      severity: 'error',
      from: { path: '^src/(identity|hackathon|conversation|evaluation|health|verification)/' },
      to: { path: '^src/admin/' },
    },
    {
      name: 'libs-know-no-context',
      comment: 'libs/ is shared code without business rules: it imports no context.',
      severity: 'error',
      from: { path: '^(libs|config)/' },
      to: { path: '^src/' },
    },
    {
      name: 'no-test-code-in-production',
      comment: 'Test builders, clocks and harnesses stay out of the production build.',
      severity: 'error',
      from: { path: '^(src|libs|config)/', pathNot: '[.]spec[.]ts$' },
      to: { path: '^test/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', 'dist', 'tools/ferretdb', 'web/dist'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
