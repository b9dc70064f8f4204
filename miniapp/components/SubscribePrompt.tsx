import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { SubscriptionTopic } from '@kcq/shared';
import { askToSubscribe, loadTemplates, SUBSCRIBE_RESULT_TEXT, templatesLoaded, type SubscribeOutcome } from '../services/subscribe';

interface Props {
  topic: SubscriptionTopic;
  /** The button, saying what will be sent (e.g. 合同登记截止前微信提醒我). */
  label: string;
  /** Why it matters, under the button. */
  hint?: string;
  /** weapp only (WeChat's consent sheet); tests render it anyway. */
  weapp?: boolean;
}

/**
 * The moment to ask for a WeChat subscribe message (services/subscribe.ts): one button the user taps, which
 * opens WeChat's own consent sheet for this topic's template; then what was decided, in words. Nothing on
 * H5 (no WeChat there: the message centre is the channel).
 */
export default function SubscribePrompt({ topic, label, hint, weapp = process.env.TARO_ENV === 'weapp' }: Props) {
  const [ready, setReady] = useState(templatesLoaded);
  const [asking, setAsking] = useState(false);
  const [outcome, setOutcome] = useState<SubscribeOutcome | null>(null);

  useEffect(() => {
    if (!weapp || ready) return;
    let alive = true;
    loadTemplates().then(
      () => alive && setReady(true),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [weapp, ready]);

  if (!weapp) return null;
  return (
    <View className='subscribe-prompt' id={`subscribe-${topic}`} data-outcome={outcome ?? ''}>
      {outcome === 'accepted' ? (
        <Text className='subscribe-prompt__result'>{SUBSCRIBE_RESULT_TEXT.accepted}</Text>
      ) : (
        <>
          <Button
            block
            fill='outline'
            disabled={!ready || asking}
            id={`subscribe-${topic}-button`}
            onClick={() => {
              setAsking(true);
              // Called in the tap itself: WeChat shows its consent sheet only from a tap.
              void askToSubscribe([topic]).then((o) => {
                setOutcome(o);
                setAsking(false);
              });
            }}
          >
            {label}
          </Button>
          <Text className='muted subscribe-prompt__hint'>{outcome ? SUBSCRIBE_RESULT_TEXT[outcome] : (hint ?? '每次开启只提醒一次；所有消息都会保存在“消息中心”。')}</Text>
        </>
      )}
    </View>
  );
}
