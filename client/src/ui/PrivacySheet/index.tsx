/**
 * Browsers have no WeChat privacy authorisation, so H5 renders nothing here and carries none of
 * the sheet's code; the mini-program build takes index.weapp.tsx (Taro's platform files).
 */
export default function PrivacySheet() {
  return null;
}
