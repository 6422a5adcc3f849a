import { baseConfig } from '@dangjian/eslint-config/base';

export default [
  ...baseConfig(import.meta.dirname),
  {
    // Routers only compose: shared queries live in src/queries, never in another router file.
    files: ['src/router/**/*.ts'],
    ignores: ['src/router/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['./*'],
              message:
                'A router must not import another router file: move what is shared to src/queries/.',
            },
          ],
        },
      ],
    },
  },
];
