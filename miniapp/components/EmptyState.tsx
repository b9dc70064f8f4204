import { View } from '@tarojs/components';
import { Button, Empty } from '@nutui/nutui-react-taro';
import { Order, Success, User, WarningF } from '@nutui/icons-react-taro';

interface Props {
  title: string;
  description?: string;
  status?: 'empty' | 'error' | 'network';
  size?: 'small' | 'base';
  /** The one thing to do next, as a button under the text. */
  action?: { text: string; onClick: () => void; primary?: boolean };
  id?: string;
  /** The picture: a person (sign in first), a tick (done, handed in), else a document (nothing here yet). */
  icon?: 'user' | 'done';
}

/**
 * A picture per status, drawn locally (NutUI's default pictures are remote, blank when offline): never
 * an ellipsis, which reads as something still loading.
 */
function glyph(status: 'empty' | 'error' | 'network', icon?: 'user' | 'done') {
  if (icon === 'user') return <User size={36} />;
  if (icon === 'done') return <Success size={36} />;
  if (status === 'empty') return <Order size={36} />;
  return <WarningF size={36} />;
}

/** NutUI Empty with one next-step button: every empty or failed screen says what to do. */
export default function EmptyState({ title, description, status = 'empty', size = 'base', action, id, icon }: Props) {
  const image = (
    <View className={`empty-state__art empty-state__art--${icon ?? status}`}>
      <View className='empty-state__glyph'>{glyph(status, icon)}</View>
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
