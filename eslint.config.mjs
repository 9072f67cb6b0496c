// ESLint 9 flat config for the whole repository: `npm run lint` (with `prettier --check`).
// TypeScript through typescript-eslint; React, the rules of hooks and exhaustive deps (errors) and
// Taro's React rules on the client. Formatting is Prettier's alone (eslint-config-prettier last).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import react from 'eslint-plugin-react';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Taro's React rules: eslint-config-taro 4.2 is an eslintrc config for ESLint 8 (peer `eslint ^8`,
// `eslint-plugin-react-hooks ^4`, typescript-eslint 6), which ESLint 9's flat config cannot load.
// These are its rules/jsx.js rules that are not about layout (layout is Prettier's), with
// exhaustive-deps raised from its `warn` to an error. `react/react-in-jsx-scope` is left off:
// the client compiles JSX with the automatic runtime (tsconfig `jsx: react-jsx`).
const taroReactRules = {
  'react-hooks/rules-of-hooks': 'error',
  'react-hooks/exhaustive-deps': 'error',
  'react/no-children-prop': 'error',
  'react/no-typos': 'error',
  'react/no-is-mounted': 'error',
  'react/no-find-dom-node': 'error',
  'react/no-direct-mutation-state': 'error',
  'react/no-danger': 'error',
  'react/no-danger-with-children': 'error',
  'react/no-unused-state': 'error',
  // Taro renders its own components; a <select> does nothing in the mini-program.
  'react/forbid-elements': ['error', { forbid: [{ element: 'select', message: '请使用 Picker 组件代替 <select>' }] }],
  'react/prefer-es6-class': ['error', 'always'],
  'react/no-unescaped-entities': 'error',
  'react/require-render-return': 'error',
  'react/jsx-uses-vars': 'error',
  'react/jsx-boolean-value': ['error', 'never'],
  'react/jsx-pascal-case': ['error', { allowAllCaps: true }],
  'react/jsx-curly-brace-presence': ['error', { props: 'never', children: 'never' }],
  'react/jsx-no-undef': 'error',
  'react/jsx-no-duplicate-props': ['error', { ignoreCase: true }],
  'react/jsx-no-comment-textnodes': 'error',
  'react/jsx-key': 'error',
  'react/no-did-update-set-state': 'error',
  'react/no-will-update-set-state': 'error',
  'react/no-string-refs': 'error',
  'react/no-render-return-value': 'error',
  'react/sort-comp': 'warn',
};

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'test/artifacts/**', 'coverage/**', '**/*.d.ts.map'],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_name` marks an argument or binding kept for its position.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true, allowTaggedTemplates: true }],
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}', 'shared/**', 'bff/**', 'test/**', 'scripts/**', 'client/config/**', 'client/test/**', 'jest.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs', 'jest.config.js', 'client/babel.config.js', 'client/config/transpiled-deps.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Code that runs in a page (H5 browser or the simulated WeChat) and the tests that drive it.
    files: ['client/src/**', 'test/e2e/**', 'test/weapp/**', 'test/bench/first-render.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { react, 'react-hooks': reactHooks },
    languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } },
    settings: { react: { version: '18.3' } },
    rules: taroReactRules,
  },
  {
    // The organiser's desk is the H5 build's wide-screen view and renders DOM elements itself.
    files: ['client/src/organiser/desk/**'],
    rules: { 'react/forbid-elements': 'off' },
  },
  prettier,
);
