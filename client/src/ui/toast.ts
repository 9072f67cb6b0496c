import Taro from '@tarojs/taro';
import { errorMessage, isApiError } from '@/services/request';
import { goToLogin } from '@/services/session';
import { color } from '@/styles/tokens';

// --- Errors of actions (buttons), as opposed to page loads (see PageState) -----------------

/** Tells the organiser why an action failed and what to do; a 401 goes to the login page. */
export async function showActionError(e: unknown, title = '操作失败'): Promise<void> {
  if (isApiError(e) && e.status === 401) {
    await Taro.showModal({ title: '登录已失效', content: '请重新登录后再操作。', showCancel: false, confirmText: '去登录' });
    goToLogin();
    return;
  }
  await Taro.showModal({ title, content: errorMessage(e), showCancel: false, confirmText: '知道了' });
}

/** After a failed save: bring the first red field into view. */
export function scrollToFirstError(): void {
  setTimeout(() => {
    Taro.pageScrollTo({ selector: '.field-invalid', offsetTop: -120, duration: 200 }).catch(() => undefined);
  }, 80);
}

export function toast(title: string, icon: 'success' | 'none' = 'none'): void {
  void Taro.showToast({ title, icon, duration: icon === 'none' ? 2500 : 1500 });
}

/** Asks before an action that cannot be undone (red confirm button); true when confirmed. */
export async function confirmDanger(o: { title: string; content: string; confirmText: string; cancelText?: string }): Promise<boolean> {
  const { confirm } = await Taro.showModal({ ...o, confirmColor: color.danger, cancelText: o.cancelText ?? '取消' });
  return confirm;
}
