/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.module.css' {
  const classes: { readonly [key: string]: string };
  export default classes;
}

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    /** The platform being built; replaced at compile time, so branches on it are dropped. */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    /** Base URL of the BFF ('' on H5: same origin). Set at build time, see config/index.ts. */
    TARO_APP_API_BASE: string;
    /** The BFF's PUBLIC_URL: links scanned from other hosts are refused. See config/index.ts. */
    TARO_APP_PUBLIC_URL: string;
    TARO_APP_ID: string;
  }
}
