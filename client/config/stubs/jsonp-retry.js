// H5 build only (config/index.ts): the app never asks Taro.request for JSONP (the BFF is on the
// same origin), so the JSONP library stays out of the first page; asking for it fails plainly.
export default function jsonpRetry() {
  return Promise.reject(new Error('JSONP is not available in this build'));
}
