import Taro from '@tarojs/taro';
import { downloadCsv } from '@/services/organiser';
import { toast } from '@/ui/toast';

/** Downloads a CSV export and says how it went; the mini-program asks for a computer instead. */
export async function exportCsvFile(path: string, fallbackName: string): Promise<void> {
  const outcome = await downloadCsv(path, fallbackName);
  if (outcome === 'saved') toast('已导出', 'success');
  else if (outcome === 'desktop-only')
    await Taro.showModal({
      title: '请在电脑上导出',
      content: '小程序里无法打开表格文件。请在电脑浏览器中打开心连新组织者页面导出。',
      showCancel: false,
      confirmText: '知道了',
    });
}
