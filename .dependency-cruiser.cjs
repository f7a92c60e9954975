/**
 * Import rules, checked by `npm run lint` (dependency-cruiser). Type-only imports count: a cycle of
 * `import type` still ties two modules together for a reader.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Modules import each other in a circle (type-only imports included).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'service-not-to-ui',
      severity: 'error',
      comment: 'The engine worker side (src/service and below) never imports the UI.',
      from: { path: '^(src/(service|engine|lake|pipeline|sources|share|export|node)|workers)/' },
      to: { path: '^src/(ui|app)/' },
    },
    {
      name: 'ui-to-service-only-the-contract',
      severity: 'error',
      comment:
        'The UI reaches the engine worker only through the declared contract (src/service/contract.ts).',
      from: { path: '^src/(ui|app)/' },
      to: { path: '^src/service/', pathNot: '^src/service/contract\\.ts$' },
    },
    {
      name: 'browser-not-to-node',
      severity: 'error',
      comment: 'Node-only code lives in src/node/; the browser side never imports it or a Node built-in.',
      from: { path: '^(src|workers)/', pathNot: '^src/node/' },
      to: { path: ['^src/node/', 'node_modules/@duckdb/node-api/'] },
    },
    {
      name: 'browser-not-to-node-builtins',
      severity: 'error',
      comment: 'A Node built-in module imported by browser code.',
      from: { path: '^(src|workers)/', pathNot: '^src/node/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to no file.',
      from: {},
      // Vite's `?url` imports resolve at build time.
      to: { couldNotResolve: true, pathNot: '\\?url$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.svelte', '.d.ts', '.json'],
    },
    builtInModules: { add: ['bun'] },
  },
};
