import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import PrivacySheet from '@/ui/PrivacySheet';
import { PRIVACY_ITEMS } from './content';
import './index.css';

/** 隐私保护指引: what the app collects, why, for how long, and how to have it deleted. */
export default function PrivacyPage() {
  return (
    <View className='page privacy'>
      <View className='card'>
        <Text className='section-title'>心连新隐私保护指引</Text>
        <Text className='privacy-p'>
          心连新由工会为新就业形态劳动者提供驿站、活动和诉求服务。我们只收集提供这些服务所必需的信息，不出售您的个人信息；除微信登录和微信消息通知所必需的以外，不向工会以外的第三方提供。
        </Text>
      </View>

      <View className='card' id='privacy-items'>
        <Text className='section-title'>我们收集什么、为什么、保存多久</Text>
        {PRIVACY_ITEMS.map((item) => (
          <View className='privacy-item' key={item.what}>
            <Text className='privacy-what'>{item.what}</Text>
            <Text className='privacy-p'>用途：{item.why}</Text>
            <Text className='privacy-p muted'>保存：{item.keep}</Text>
          </View>
        ))}
      </View>

      <View className='card' id='privacy-rights'>
        <Text className='section-title'>查看、修改和删除</Text>
        <Text className='privacy-p'>在「我的」可以查看和修改个人资料；在「交友资料」可以撤回同意。</Text>
        <Text className='privacy-p'>在「我的」→「注销账号」可以立即删除您的全部个人信息和登录信息，无法恢复。</Text>
        <Text className='privacy-p'>位置、照片等权限可以随时在小程序右上角「···」→「设置」中关闭；拒绝后，不需要这些信息的功能照常使用。</Text>
        <Text id='privacy-to-me' className='privacy-link' onClick={() => void Taro.switchTab({ url: '/pages/me/index' })}>
          前往「我的」
        </Text>
      </View>

      <PrivacySheet />
    </View>
  );
}
