/**
 * H5 loads each page's code when it is first opened. Without network that load fails: the tab
 * lights up and the old page stays, saying nothing. This guard turns the failure into a notice
 * that says so and offers 重试 (the page's address is already the one asked for, so a reload
 * once the network is back opens it).
 */
import { color } from '../styles/tokens';

const ID = 'page-load-error';

/** webpack's "Loading chunk 12 failed." and mini-css-extract's "Loading CSS chunk 12 failed.". */
export function isChunkLoadError(reason: unknown): boolean {
  const r = reason as { name?: string; message?: string; code?: string } | null;
  if (!r) return false;
  return r.name === 'ChunkLoadError' || r.code === 'CSS_CHUNK_LOAD_FAILED' || /Loading (CSS )?chunk [\w-]+ failed/.test(r.message ?? '');
}

function show(): void {
  if (document.getElementById(ID)) return;
  const box = document.createElement('div');
  box.id = ID;
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-labelledby', `${ID}-title`);
  box.style.cssText = `position:fixed;inset:0;z-index:10000;background:${color.page};display:flex;flex-direction:column;align-items:center;justify-content:center;padding:24px;text-align:center;font-size:17px;color:${color.text};`;
  box.innerHTML = `
    <div id="${ID}-title" style="font-size:20px;font-weight:600;margin-bottom:12px">页面没能打开</div>
    <div id="${ID}-text" style="color:${color.textSubtle};line-height:1.6;max-width:320px;margin-bottom:24px">网络不通，这个页面还没下载下来。请检查网络（关掉飞行模式、换个地方试试）后点「重试」。</div>
    <button id="${ID}-retry" type="button" style="min-width:200px;min-height:48px;font-size:18px;border:none;border-radius:8px;background:${color.primaryBright};color:${color.textInverse}">重试</button>
    <button id="${ID}-back" type="button" style="margin-top:12px;min-width:200px;min-height:44px;font-size:16px;border:1px solid ${color.borderStrong};border-radius:8px;background:${color.surface};color:${color.text}">返回上一页</button>`;
  document.body.appendChild(box);
  (box.querySelector(`#${ID}-retry`) as HTMLButtonElement).onclick = () => {
    if (!navigator.onLine) {
      (box.querySelector(`#${ID}-text`) as HTMLElement).textContent = '还是没有网络。连上网络后再点「重试」。';
      return;
    }
    window.location.reload();
  };
  (box.querySelector(`#${ID}-back`) as HTMLButtonElement).onclick = () => {
    box.remove();
    window.history.back();
  };
}

/** Installs the guard once, on H5 only. */
export function installPageLoadGuard(): void {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return;
  window.addEventListener('unhandledrejection', (ev) => {
    if (!isChunkLoadError(ev.reason)) return;
    ev.preventDefault();
    show();
  });
}
