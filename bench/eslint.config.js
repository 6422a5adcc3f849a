import { baseConfig } from '@dangjian/eslint-config/base';

export default [
  ...baseConfig(import.meta.dirname),
  {
    // A benchmark is a measuring script read top to bottom (set up, time, baseline, report);
    // the function-length limit is for the platform's code.
    files: ['src/benchmarks/**/*.ts', 'src/suite.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
];
