import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { MemberCardResult } from '@xlx/shared';
import { cameraFailure, scanInBrowser } from '@/lib/browser-scan';
import { organiserService } from '@/services/organiser';
import { errorMessage } from '@/services/request';
import { isH5 } from '@/lib/pages';
import { BusyButton } from '@/organiser/components/Kit';
import SearchField from '@/ui/SearchField';

const TONE: Record<MemberCardResult['result'], string> = { valid: 'mv-ok', revoked: 'mv-bad', invalid: 'mv-bad' };
const TITLE: Record<MemberCardResult['result'], string> = { valid: '会员身份有效', revoked: '会员卡已注销', invalid: '无效的会员卡' };

/** 核验会员: scan the code on a member's card (or type it) and see whether they are a member of my union. */
export default function MemberVerify() {
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<MemberCardResult | null>(null);
  const [error, setError] = useState('');

  const check = async (raw: string) => {
    const text = raw.trim();
    if (!text) {
      setError('请扫描会员卡上的二维码，或输入二维码旁的核验码');
      return;
    }
    setBusy(true);
    setError('');
    setAnswer(null);
    try {
      setAnswer(await organiserService.verifyMemberCard(text));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const scan = async () => {
    try {
      if (isH5) {
        const read = await scanInBrowser('扫描会员卡上的二维码');
        if (read !== null) await check(read);
        return;
      }
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      await check(res.result || '');
    } catch (e) {
      const msg = (e as { errMsg?: string }).errMsg ?? '';
      if (!msg.includes('cancel')) setError(isH5 ? cameraFailure(e) : '无法打开相机，请在设置中允许使用相机，或输入核验码');
    }
  };

  return (
    <View className='card mv' id='member-verify'>
      <Text className='section-title'>核验会员</Text>
      <Text className='org-sub'>扫工友小程序会员卡上的二维码，确认 TA 是否本工会会员</Text>
      <View className='mv-row'>
        <SearchField
          id='member-verify-input'
          className='field-input mv-input'
          value={code}
          maxlength={200}
          placeholder='或输入核验码 M1.…'
          onInput={setCode}
          onConfirm={(c) => void check(c)}
        />
        <BusyButton id='member-verify-submit' tone='primary' busy={busy} spin={false} className='mv-btn' onClick={() => void check(code)}>
          核验
        </BusyButton>
        <Button id='member-verify-scan' className='btn btn-secondary mv-btn' disabled={busy} onClick={() => void scan()}>
          扫码
        </Button>
      </View>
      {error ? <Text className='mv-error'>{error}</Text> : null}
      {answer ? (
        <View id='member-verify-result' className={`mv-result ${TONE[answer.result]}`}>
          <Text className='mv-title'>{TITLE[answer.result]}</Text>
          {answer.name ? (
            <Text className='mv-line'>
              {answer.name} · {answer.organisationName}
              {answer.memberNo ? ` · 会员号 ${answer.memberNo}` : ''}
            </Text>
          ) : null}
          <Text className='mv-line'>{answer.message}</Text>
        </View>
      ) : null}
    </View>
  );
}
