// The layers of docs/DESIGN.md, checked in CI (`npm run check:layers`): imports point down only. A module may import
// modules of lower layers, never one of its own layer or above, so no two modules can form a circle. Imports that
// break a rule today are listed, each, in .dependency-cruiser-known-violations.json (a debt to pay, shown by
// `npm run check:layers -- --output-type err-long`); any new one fails the build.

/** Bottom first. Modules on one line are peers: they may not import each other. */
const LAYERS = [
  ['errors'],
  ['db'],
  ['vectors', 'images', 'parquet', 'masking'],
  ['audit'],
  ['auth'],
  ['jobs'],
  ['datasets'],
  ['pairs'],
  ['embeddings'],
  ['search'],
  ['similar'],
  ['flags'],
  ['overview'],
  ['takedowns'],
  ['evidence'],
  ['signals'],
  ['ingest'],
  ['export'],
  ['backup', 'health', 'clip-retrieval'],
  ['server'],
  ['api'],
  ['cli'],
];

const TEST_CODE = '(^|/)(__fixtures__|test)/|\\.test\\.tsx?$|\\.int\\.test\\.tsx?$';
const mod = (names) => `^lib/(${names.join('|')})/`;

const upward = LAYERS.map((peers, i) => ({
  name: `layer-${peers.join('-')}`,
  comment: `lib/${peers.join(', lib/')} may import only the layers below it (docs/DESIGN.md)`,
  severity: 'error',
  from: { path: mod(peers), pathNot: TEST_CODE },
  to: { path: mod(LAYERS.slice(i).flat()), pathNot: `${mod(peers)}|${TEST_CODE}` },
})).concat(LAYERS.filter((peers) => peers.length > 1).flatMap((peers) => peers.map((m) => ({
  name: `peer-${m}`,
  comment: `lib/${m} may not import its peers on the same layer`,
  severity: 'error',
  from: { path: mod([m]), pathNot: TEST_CODE },
  to: { path: mod(peers.filter((p) => p !== m)) },
}))));

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'no file imports itself through others', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'lib-below-app',
      comment: 'lib/ never imports a route, a page or a component',
      severity: 'error',
      from: { path: '^lib/', pathNot: TEST_CODE },
      to: { path: '^(app|components)/' },
    },
    {
      name: 'api-only-for-routes',
      comment: 'lib/api (the route wrapper, bodies, HTTP errors) is for route files and the server alone',
      severity: 'error',
      from: { path: '^lib/', pathNot: `^lib/(api|server)/|${TEST_CODE}` },
      to: { path: '^lib/api/' },
    },
    {
      name: 'no-test-code-in-product',
      comment: 'test helpers (__fixtures__, test/) serve tests only',
      severity: 'error',
      from: { path: '^(lib|app|components)/', pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|lib/db/generated|\\.next)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
