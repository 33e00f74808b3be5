import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'cli/**/*.test.ts',
      'node/**/*.test.ts',
      'tools/**/*.test.ts',
      'scripts/**/*.test.ts',
      'bench/**/*.test.ts',
      'electron/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
    ],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
