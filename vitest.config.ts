import { createRequire } from 'node:module'

import { defineConfig } from 'vitest/config'

const require = createRequire(import.meta.url)

export default defineConfig({
  // one graphql module for our code and for Payload's GraphQL server (graphql-http loads its CommonJS main;
  // vite would otherwise hand our files the ESM build, and `instanceof GraphQLError` would fail across the two)
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['tests/{unit,int,api,access}/**/*.test.ts'],
    globalSetup: ['tests/helpers/globalSetup.ts'],
    pool: 'forks',
    // every test file boots its own Payload on its own database; two at a time fits 2 cores
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    env: { NODE_ENV: 'test', PAYLOAD_SECRET: 'labelops-test-secret', LOG_LEVEL: process.env.LOG_LEVEL ?? 'fatal' },
  },
})
