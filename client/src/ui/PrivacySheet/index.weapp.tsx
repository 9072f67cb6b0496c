import { useEffect } from 'react';
import { Button, Text, View } from '@tarojs/components';
import { AGREE_BUTTON_ID, agreePrivacy, disagreePrivacy, openPrivacyGuide, purposeOf, reportExposure, usePrivacyRequest } from '@/services/privacy';
import './index.css';

/**
 * The mini-program's own privacy consent sheet, over the current page while WeChat waits for an answer
 * (services/privacy.ts). Put it on every page that calls a privacy-relevant API; a page without
 * one sends the person to the guide page, which has one.
 */
export default function PrivacySheet() {
  const request = usePrivacyRequest();

  useEffect(() => {
    if (request.open) reportExposure();
  }, [request.open]);

  if (!request.open) return null;
  return (
    <View className='privacy-mask' catchMove>
      <View className='privacy-sheet' id='privacy-sheet'>
        <Text className='privacy-sheet-title'>隐私保护提示</Text>
        <Text className='privacy-sheet-text'>
          为了{purposeOf(request.referrer)}，心连新需要您先阅读并同意隐私保护指引。不同意也可以继续使用签到记录、活动报名等其他功能。
        </Text>
        <Text id='privacy-sheet-guide' className='privacy-sheet-link' onClick={openPrivacyGuide}>
          查看《心连新隐私保护指引》
        </Text>
        <Button
          id={AGREE_BUTTON_ID}
          className='btn btn-primary'
          openType='agreePrivacyAuthorization'
          onAgreePrivacyAuthorization={() => agreePrivacy(AGREE_BUTTON_ID)}
        >
          同意并继续
        </Button>
        <Button id='privacy-disagree' className='btn btn-secondary' onClick={disagreePrivacy}>
          不同意
        </Button>
      </View>
    </View>
  );
}
