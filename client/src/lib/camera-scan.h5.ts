/**
 * Scanning a QR code with the camera in a browser. This is the H5 build's file (Taro picks
 * `camera-scan.h5.ts` there); the mini-program gets `camera-scan.ts`, which has Taro.scanCode instead.
 * Opens a full-screen viewfinder, reads frames with the browser's BarcodeDetector where it has
 * one, else with jsQR, which is loaded only now, as a chunk of its own: the first page stays as
 * small as it was. Resolves with the code read, or null when the person closes the viewfinder;
 * rejects with a CameraError whose message says what to do instead (type the code).
 */
import { color } from '../styles/tokens';

export class CameraError extends Error {}

interface Detector {
  detect(source: HTMLVideoElement): Promise<string | null>;
}

interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<Array<{ rawValue: string }>>;
}
interface BarcodeDetectorClass {
  new (opts: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

const FRAME_MS = 120;
/** Frames are scaled down to this width for jsQR: plenty for a code held up to the camera, and quick. */
const DECODE_WIDTH = 640;

function cameraMessage(err: unknown): string {
  const name = (err as { name?: string })?.name ?? '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') {
    return '相机权限被拒绝：请在浏览器地址栏旁的权限设置中允许本网站使用相机，或直接输入二维码下方的字符';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') {
    return '没有找到可用的相机，请直接输入二维码下方的字符';
  }
  if (name === 'NotReadableError' || name === 'TrackStartError') {
    return '相机正被其他程序占用，请关闭后重试，或直接输入二维码下方的字符';
  }
  return '无法打开相机，请直接输入二维码下方的字符';
}

async function barcodeDetector(): Promise<Detector | null> {
  const BD = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (!BD) return null;
  try {
    const formats = BD.getSupportedFormats ? await BD.getSupportedFormats() : ['qr_code'];
    if (!formats.includes('qr_code')) return null;
    const d = new BD({ formats: ['qr_code'] });
    return { detect: async (v) => (await d.detect(v))[0]?.rawValue ?? null };
  } catch {
    return null;
  }
}

async function jsQrDetector(): Promise<Detector> {
  const jsQR = (await import(/* webpackChunkName: "qr-decoder" */ 'jsqr')).default;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new CameraError('此浏览器无法识别二维码，请直接输入二维码下方的字符');
  return {
    detect: async (v) => {
      if (!v.videoWidth || !v.videoHeight) return null;
      const scale = Math.min(1, DECODE_WIDTH / v.videoWidth);
      const w = Math.round(v.videoWidth * scale);
      const h = Math.round(v.videoHeight * scale);
      canvas.width = w;
      canvas.height = h;
      ctx.drawImage(v, 0, 0, w, h);
      const found = jsQR(ctx.getImageData(0, 0, w, h).data, w, h, { inversionAttempts: 'attemptBoth' });
      return found?.data || null;
    },
  };
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, style: Partial<CSSStyleDeclaration>, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node.style, style);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** Builds the viewfinder: the video, a frame to aim with, what is happening, and a large close button. */
function viewfinder(title: string) {
  const root = el(
    'div',
    {
      position: 'fixed',
      inset: '0',
      zIndex: '10000',
      background: color.surfaceDark,
      display: 'flex',
      flexDirection: 'column',
      alignItems: 'center',
      justifyContent: 'center',
    },
    { id: 'camera-scanner', role: 'dialog', 'aria-label': title },
  );
  const video = el(
    'video',
    { position: 'absolute', inset: '0', width: '100%', height: '100%', objectFit: 'cover' },
    { playsinline: '', muted: '', autoplay: '' },
  );
  video.muted = true;
  const frame = el('div', {
    position: 'relative',
    width: 'min(70vw, 60vh)',
    height: 'min(70vw, 60vh)',
    border: '4px solid rgba(255,255,255,0.9)',
    borderRadius: '16px',
    boxShadow: '0 0 0 100vmax rgba(0,0,0,0.45)',
  });
  const heading = el('div', {
    position: 'absolute',
    top: '24px',
    left: '0',
    right: '0',
    textAlign: 'center',
    color: color.textInverse,
    fontSize: '20px',
    fontWeight: '600',
  });
  heading.textContent = title;
  const status = el(
    'div',
    { position: 'absolute', bottom: '120px', left: '16px', right: '16px', textAlign: 'center', color: color.textInverse, fontSize: '17px', lineHeight: '1.5' },
    { id: 'camera-scanner-status', 'aria-live': 'polite' },
  );
  status.textContent = '正在打开相机…';
  const close = el(
    'button',
    {
      position: 'absolute',
      bottom: '32px',
      left: '50%',
      transform: 'translateX(-50%)',
      minWidth: '200px',
      minHeight: '56px',
      fontSize: '18px',
      borderRadius: '28px',
      border: 'none',
      background: color.surface,
      color: color.primary,
      fontWeight: '600',
    },
    { id: 'camera-scanner-close', type: 'button' },
  );
  close.textContent = '关闭，手动输入';
  root.append(video, frame, heading, status, close);
  document.body.appendChild(root);
  return { root, video, status, close };
}

interface TorchTrack {
  getCapabilities?: () => MediaTrackCapabilities & { torch?: boolean };
  applyConstraints: (c: MediaTrackConstraints) => Promise<void>;
}

/**
 * The torch of a camera track, where the device has one (most Android phones in Chrome; not
 * iPhones, not laptops): a toggle, or null when there is nothing to switch.
 */
export function torchOf(track: TorchTrack | undefined): ((on: boolean) => Promise<boolean>) | null {
  try {
    if (!track?.getCapabilities?.()?.torch) return null;
  } catch {
    return null;
  }
  return async (on) => {
    try {
      await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
      return true;
    } catch {
      return false;
    }
  };
}

/** A 手电筒 button over the viewfinder, added only when the camera has a torch. */
function addTorchButton(root: HTMLElement, toggle: (on: boolean) => Promise<boolean>) {
  let on = false;
  const button = el(
    'button',
    {
      position: 'absolute',
      top: '64px',
      right: '16px',
      minWidth: '120px',
      minHeight: '48px',
      fontSize: '17px',
      borderRadius: '24px',
      border: `2px solid ${color.textInverse}`,
      background: 'rgba(0,0,0,0.4)',
      color: color.textInverse,
      fontWeight: '600',
    },
    { id: 'camera-scanner-torch', type: 'button', 'aria-pressed': 'false' },
  );
  button.textContent = '打开手电筒';
  button.addEventListener('click', () => {
    void toggle(!on).then((ok) => {
      if (!ok) {
        button.textContent = '手电筒不可用';
        return;
      }
      on = !on;
      button.textContent = on ? '关闭手电筒' : '打开手电筒';
      button.setAttribute('aria-pressed', String(on));
    });
  });
  root.appendChild(button);
}

/** Opens the camera and reads one QR code. */
export async function scanWithBrowserCamera(title = '扫描二维码'): Promise<string | null> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    throw new CameraError('此浏览器无法打开相机（需要通过 https 访问），请直接输入二维码下方的字符');
  }
  const ui = viewfinder(title);
  let stream: MediaStream | null = null;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let finish: (code: string | null) => void = () => undefined;
  const done = new Promise<string | null>((resolve) => {
    finish = resolve;
  });
  const cleanup = () => {
    closed = true;
    if (timer) clearTimeout(timer);
    stream?.getTracks().forEach((t) => t.stop());
    ui.root.remove();
  };
  let cancelled = false;
  ui.close.addEventListener('click', () => {
    cancelled = true;
    finish(null);
  });
  try {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    } catch (err) {
      throw new CameraError(cameraMessage(err));
    }
    if (cancelled) return null;
    ui.video.srcObject = stream;
    const torch = torchOf(stream.getVideoTracks()[0] as unknown as TorchTrack | undefined);
    if (torch) addTorchButton(ui.root, torch);
    await ui.video.play().catch(() => undefined);
    ui.status.textContent = '正在准备识别…';
    const detector =
      (await barcodeDetector()) ??
      (await jsQrDetector().catch((err: unknown) => {
        throw err instanceof CameraError ? err : new CameraError('识别组件加载失败，请检查网络后重试，或直接输入二维码下方的字符');
      }));
    ui.status.textContent = '将二维码放入框内，即可自动识别';
    const tick = async () => {
      if (closed || cancelled) return;
      try {
        const code = await detector.detect(ui.video);
        if (code) {
          finish(code);
          return;
        }
      } catch {
        // A frame that could not be read: try the next one.
      }
      if (!closed) timer = setTimeout(() => void tick(), FRAME_MS);
    };
    void tick();
    return await done;
  } finally {
    cleanup();
  }
}
