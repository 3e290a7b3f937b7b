import { defineConfig, globalIgnores } from 'eslint/config';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import jsxA11y from 'eslint-plugin-jsx-a11y';

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  // eslint-config-next registers the jsx-a11y plugin with a handful of rules; turn on the full recommended set.
  { files: ['**/*.tsx'], rules: jsxA11y.flatConfigs.recommended.rules },
  globalIgnores([
    '.next/**',
    '.next-*/**',
    '.cache/**',
    'node_modules/**',
    'test-results/**',
    'playwright-report/**',
    'next-env.d.ts',
    'dist/**',
  ]),
]);
