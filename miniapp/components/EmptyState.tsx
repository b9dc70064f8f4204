import { View } from '@tarojs/components';
import { Button, Empty } from '@nutui/nutui-react-taro';

interface Props {
  title: string;
  description?: string;
  status?: 'empty' | 'error' | 'network';
  size?: 'small' | 'base';
  /** The one thing to do next, as a button under the text. */
  action?: { text: string; onClick: () => void; primary?: boolean };
  id?: string;
}

/** A glyph per status, drawn locally: NutUI's default pictures are remote (a CDN), blank when offline. */
const GLYPH = { empty: '…', error: '!', network: '!' } as const;

/** NutUI Empty with one next-step button: every empty or failed screen says what to do. */
export default function EmptyState({ title, description, status = 'empty', size = 'base', action, id }: Props) {
  const image = (
    <View className={`empty-state__art empty-state__art--${status}`}>
      <View className='empty-state__glyph'>{GLYPH[status]}</View>
    </View>
  );
  return (
    <View className='card empty-state' id={id}>
      <Empty title={title} description={description} status={status} size={size} image={image} imageSize={size === 'small' ? 64 : 88} />
      {action && (
        <View className='empty-state__action'>
          <Button type={action.primary === false ? 'default' : 'primary'} onClick={action.onClick}>
            {action.text}
          </Button>
        </View>
      )}
    </View>
  );
}
