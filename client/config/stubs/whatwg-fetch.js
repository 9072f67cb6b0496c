// H5 build only (config/index.ts): every browser the H5 app targets (ES2015, see
// transpiled-deps.js) has fetch, so Taro's fetch polyfill stays out of the first page.
export {};
