import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // Pages render under load on 2 CI cores: give polled UI assertions time to settle.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
