// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
const { ES2015_TARGETS, TRANSPILED_DEPENDENCY_FILE } = require('./config/transpiled-deps');

// The mini-program renders with Preact, H5 with React (config/index.ts `framework`).
const framework = process.env.TARO_ENV && process.env.TARO_ENV !== 'h5' ? 'preact' : 'react';
const taro = { framework, ts: true, compiler: 'webpack5' };

// Our own code: ES2015, the syntax client/test/weapp-build.spec.ts holds every mini-program
// script to (WeChat runs it on every phone it supports), and what every browser that opens the
// H5 app runs; classes, arrows and destructuring stay as they are instead of growing into ES5.
const ownTargets = { targets: ES2015_TARGETS };

module.exports = {
  // Our code: down to ES2015.
  presets: [['taro', { ...taro, ...ownTargets }]],
  // Dependencies with post-ES2015 syntax: down to ES2015 only (see config/transpiled-deps.js).
  overrides: [{ test: TRANSPILED_DEPENDENCY_FILE, presets: [['taro', { ...taro, targets: ES2015_TARGETS }]] }],
};
