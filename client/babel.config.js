// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
const { ES2015_TARGETS, TRANSPILED_DEPENDENCY_FILE } = require('./config/transpiled-deps');

const taro = { framework: 'react', ts: true, compiler: 'webpack5' };

module.exports = {
  // Our code: down to what package.json's browserslist names.
  presets: [['taro', taro]],
  // Dependencies with post-ES2015 syntax: down to ES2015 only (see config/transpiled-deps.js).
  overrides: [{ test: TRANSPILED_DEPENDENCY_FILE, presets: [['taro', { ...taro, targets: ES2015_TARGETS }]] }],
};
