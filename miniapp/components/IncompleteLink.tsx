import Taro from '@tarojs/taro';
import EmptyState from './EmptyState';
import { goTab, PAGES } from './nav';

/**
 * A detail page opened without the id it shows (a cut-off shared link, a stale bookmark): say so and
 * offer the way back, instead of asking the BFF for nothing and showing a network error.
 */
export default function IncompleteLink() {
  const back = () => {
    if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
    else goTab(PAGES.desk);
  };
  return (
    <EmptyState
      status='error'
      title='链接不完整'
      description='没有找到要查看的内容，请从列表重新进入。'
      action={{ text: '返回', onClick: back, primary: true }}
    />
  );
}
