/**
 * The layering docs/architecture.md promises, checked by `npm run lint` (dependency-cruiser):
 * domain <- use cases <- adapters, presentation, http <- functions <- local, infra, bench, bin.
 */
const SHARED_OUTER = '^shared/(adapters|presentation|http)/';
const OUTSIDE = '^(functions|local|infra|bench|bin|test)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The domain imports only the domain (and pure libraries): no storage, no words, no AWS.',
      from: { path: '^shared/domain/' },
      to: { pathNot: ['^shared/domain/', '^(node:)?(crypto|zlib)$'] },
    },
    {
      name: 'domain-types-are-domain',
      severity: 'error',
      from: { path: '^shared/domain/' },
      to: { path: ['^shared/(usecases|adapters|presentation|http|app)/', OUTSIDE] },
    },
    {
      name: 'usecases-talk-to-ports',
      severity: 'error',
      comment: 'Use cases import no AWS SDK, no adapter, no rendering, no HTTP: they return data.',
      from: { path: '^shared/usecases/' },
      to: { path: [SHARED_OUTER, '^shared/app/deps\\.ts$', OUTSIDE, '@aws-sdk', '@middy', 'aws-lambda'] },
    },
    {
      name: 'presentation-renders-only',
      severity: 'error',
      comment: 'Words and formats: no adapters, no HTTP, no AWS.',
      from: { path: '^shared/presentation/' },
      to: { path: ['^shared/(adapters|http)/', '^shared/app/', OUTSIDE, '@aws-sdk'] },
    },
    {
      name: 'http-is-an-edge',
      severity: 'error',
      from: { path: '^shared/http/' },
      to: { path: ['^shared/adapters/', '^shared/app/deps\\.ts$', OUTSIDE] },
    },
    {
      name: 'adapters-do-not-serve-http',
      severity: 'error',
      from: { path: '^shared/adapters/' },
      to: { path: ['^shared/http/', OUTSIDE] },
    },
    {
      name: 'shared-serves-the-edges',
      severity: 'error',
      comment: 'Nothing under shared/ imports a handler, the local stack, infra or tests.',
      from: { path: '^shared/' },
      to: { path: OUTSIDE },
    },
    {
      name: 'functions-are-thin',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: ['^(local|infra|bench|bin|test)/'] },
    },
    {
      name: 'functions-compose-their-deps',
      severity: 'error',
      comment:
        "A function composes only the ports it uses (shared/app/compose.ts), its notifier only the emails it sends: the whole set would put every adapter, SDK client and every email's words into its bundle.",
      from: { path: '^functions/' },
      to: {
        path: [
          '^shared/app/deps\\.ts$',
          '^shared/adapters/clients\\.ts$',
          '^shared/presentation/emails/every-email\\.ts$',
        ],
      },
    },
    {
      name: 'benchmarks-import-no-tests',
      severity: 'error',
      from: { path: '^(bench|bin|local|infra)/' },
      to: { path: '^test/' },
    },
    {
      name: 'infra-deploys-entry-paths',
      severity: 'error',
      comment: 'infra imports from functions only the manifest of entry paths.',
      from: { path: '^infra/' },
      to: { path: '^functions/', pathNot: '^functions/manifest\\.ts$' },
    },
    {
      name: 'cli-commands-stand-alone',
      severity: 'error',
      from: { path: '^bin/commands/' },
      to: { path: '^bin/so\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^cdk\\.out', '^\\.local'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.mjs', '.js', '.json'],
    },
    combinedDependencies: true,
  },
};
