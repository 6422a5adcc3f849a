import { baseConfig } from '@dangjian/eslint-config/base';

export default [
  ...baseConfig(import.meta.dirname),
  {
    // The demo-data generators are scripts read top to bottom (one table after another in one
    // transaction, each step commented); the function-length limit is for the platform's code.
    files: ['src/seed/**/*.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
];
