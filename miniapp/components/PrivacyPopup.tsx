import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { AGREE_BUTTON_ID, PRIVACY_GUIDE_NAME, PRIVACY_GUIDE_PAGE, privacyGate, purposeOf, type PrivacyGate, type PrivacyRequest } from '../services/privacy';

interface Props {
  /** The app's gate by default; a test passes its own. */
  gate?: PrivacyGate;
}

/**
 * The popup that answers WeChat's privacy check (services/privacy.ts): shown when WeChat holds back an API
 * that needs the user's agreement, with what it is for, a link to the privacy guide, and two answers.
 * 同意并继续 is WeChat's own agree button (open-type="agreePrivacyAuthorization"): only its tap counts as
 * consent, and the held-back API then runs. 不同意 lets the API fail; the page says what that means.
 * Render it on every page that calls such an API (the evidence picker, the invite pages' copy button).
 */
export default function PrivacyPopup({ gate = privacyGate }: Props) {
  const [request, setRequest] = useState<PrivacyRequest | null>(() => gate.current());
  useEffect(() => gate.subscribe(setRequest), [gate]);
  if (!request) return null;
  return (
    <View className='privacy-popup' id='privacy-popup'>
      <View className='privacy-popup__mask' />
      <View className='privacy-popup__panel'>
        <Text className='privacy-popup__title'>隐私保护提示</Text>
        <Text className='privacy-popup__body'>
          为了{purposeOf(request.referrer)}，需要您先阅读并同意{' '}
          <Text className='text-link' id='privacy-guide-link' onClick={() => void Taro.navigateTo({ url: PRIVACY_GUIDE_PAGE })}>
            {PRIVACY_GUIDE_NAME}
          </Text>
          。不同意也可以继续使用其他功能。
        </Text>
        <View className='privacy-popup__actions'>
          <Button className='privacy-popup__decline' id='privacy-decline' onClick={() => gate.decline()}>
            不同意
          </Button>
          <Button
            className='privacy-popup__agree'
            id={AGREE_BUTTON_ID}
            openType='agreePrivacyAuthorization'
            onAgreePrivacyAuthorization={() => gate.agree(AGREE_BUTTON_ID)}
          >
            同意并继续
          </Button>
        </View>
      </View>
    </View>
  );
}
