import fs from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import webpack from 'webpack';
import { resolveApiBase } from './api-base';
import devConfig from './dev';
import prodConfig from './prod';
import { TRANSPILED_DEPENDENCIES } from './transpiled-deps';

const isH5 = process.env.TARO_ENV === 'h5';
/** zod's JSON Schema modules, which the mini-program build replaces with config/stubs/zod-json-schema.js. */
const ZOD_JSON_SCHEMA = /[\\/]zod[\\/]v4[\\/]core[\\/](?:json-schema-processors|to-json-schema)\.js$/;
const sharedRoot = path.resolve(__dirname, '../../shared');
// Packages with post-ES2015 syntax that the mini-program build transpiles (see transpiled-deps.js).
const transpiledDependencies = TRANSPILED_DEPENDENCIES.map((name) => path.dirname(require.resolve(`${name}/package.json`)));

// H5 is served by the BFF itself, so same origin; the mini-program needs an absolute address
// (the BFF as the phone sees it): TARO_APP_API_BASE at build time or in client/.env. A release
// build refuses an address WeChat would refuse (see api-base.ts).
const apiBase = resolveApiBase(process.env);
// The BFF's PUBLIC_URL: scanned links are ours only under it (H5 also trusts its own origin).
// The mini-program defaults to the API's address, which is PUBLIC_URL wherever one BFF serves both.
const publicUrl = process.env.TARO_APP_PUBLIC_URL ?? (isH5 ? '' : apiBase);
// index.html's theme colour is the design tokens' primary colour (this config loader cannot
// import src/styles/tokens.ts, so it reads the stylesheet tokens.ts is generated from).
const tokensCss = fs.readFileSync(path.resolve(__dirname, '../src/styles/tokens.css'), 'utf8');
const themeColor = /--color-primary:\s*([^;]+);/.exec(tokensCss)?.[1];

// @xlx/shared resolves as a package, as everywhere else: its `source` export is its TypeScript.
// ('...' keeps webpack's own conditions; this webpack-chain has no conditionNames helper.)
function sourceConditions(chain: { resolve: { set: (key: string, value: unknown) => unknown } }) {
  chain.resolve.set('conditionNames', ['source', '...']);
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'xinlianxin',
    date: '2025-11-29',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist/h5' : `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    plugins: [],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
      TARO_APP_PUBLIC_URL: JSON.stringify(publicUrl),
    },
    defineConstants: {},
    alias: {
      // Imports inside the client: '@/lib/…' instead of '../../../lib/…' (tsconfig paths say the same).
      '@': path.resolve(__dirname, '../src'),
    },
    // WeChat reads the sitemap (what its search may index) from the package root.
    copy: { patterns: isH5 ? [] : [{ from: 'src/sitemap.json', to: `dist/${process.env.TARO_ENV ?? 'weapp'}/sitemap.json` }], options: {} },
    // The mini-program renders with Preact (React's API in a fraction of its size: the main
    // package is capped, issue 13); H5 keeps React. babel.config.js follows the same choice.
    // preact stays below 10.24 (package.json ~10.23): from 10.24 preact/compat calls itself React 18,
    // and Taro 4.2's mini-program runtime then asks it for createRoot, which it lacks (NervJS/taro#17461).
    framework: isH5 ? 'react' : 'preact',
    // Template levels written into the mini-program's base.wxml (16 by default, each level a copy
    // of every component's template): 12 hold the app's deepest page; a deeper node renders
    // through Taro's `comp` wrapper. About 8 KB of the capped main package.
    baseLevel: 12,
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // WeChat reads scripts as UTF-8: Chinese text kept as is (3 bytes a character) rather than
    // escaped as \uXXXX (6 bytes), which made up a large part of the main package.
    ...(isH5 ? {} : { terser: { enable: true, config: { output: { ascii_only: false } } } }),
    mini: {
      // innerHTML is used on H5 only (services/page-load-guard.ts): the mini-program runtime
      // leaves out its HTML parser.
      // Preact (see `framework`) checks parentNode.contains(node) when it moves children, which
      // Taro adds to its DOM only on request.
      runtime: { enableInnerHTML: false, enableContains: true },
      // shared/ is TypeScript source outside node_modules: let Babel transpile it, and the
      // dependencies newer than ES2015.
      compile: { include: [sharedRoot, ...transpiledDependencies] },
      webpackChain(chain) {
        sourceConditions(chain);
        // zod's JSON Schema output, which the app never asks for, out of the main package
        // (config/stubs): about a sixth of zod.
        chain.plugin('zodJsonSchemaStub').use(webpack.NormalModuleReplacementPlugin, [ZOD_JSON_SCHEMA, path.resolve(__dirname, 'stubs', 'zod-json-schema.js')]);
      },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // index.html's <meta name="theme-color">, from the design tokens.
      htmlPluginOption: { themeColor },
      router: { mode: 'hash' },
      compile: { include: [sharedRoot] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // Images as their own files with a content hash, never inlined: the first page's scripts do
      // not carry every icon as base64, each page fetches the ones it shows, and the BFF caches
      // them as immutable (bff/src/middlewares/h5-static.ts).
      imageUrlLoaderOption: {
        limit: 1,
        name: (filename: string) => filename.replace(/^src\//, 'static/images/').replace(/\.(\w+)$/, '.[contenthash:8].$1'),
      },
      webpackChain(chain) {
        sourceConditions(chain);
        // Polyfills no target browser needs, out of the first page (config/stubs).
        chain.resolve.alias.set('whatwg-fetch$', path.resolve(__dirname, 'stubs', 'whatwg-fetch.js'));
        chain.resolve.alias.set('jsonp-retry$', path.resolve(__dirname, 'stubs', 'jsonp-retry.js'));
        // First in the app's code: starts loading the first page's code (and the sign-in code) while
        // the rest of the app's code runs (src/services/first-page.h5.ts).
        chain.entry('app').prepend(path.resolve(__dirname, '../src/services/first-page.h5.ts'));
        // Taro splits initial chunks only, so every lazily loaded page would carry its own copy
        // of the components it uses: share what pages have in common as well. But not in crumbs:
        // with Taro's minSize 0 the home page came in 20 files of about 1 KB, and a phone opens 6
        // connections at a time, so each batch of 6 cost a round trip. Modules shared in pieces
        // under 20 KB (before minifying) are copied into the pages instead, and one page opening
        // asks for at most 6 scripts.
        const splitChunks = chain.optimization.get('splitChunks');
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all', minSize: 20_000, maxAsyncRequests: 6 });
        // Budgets instead of webpack's 244 KiB default, which React + the Taro runtime alone exceed.
        chain.performance.maxAssetSize(450 * 1024).maxEntrypointSize(550 * 1024);
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
