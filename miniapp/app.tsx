import type { PropsWithChildren } from 'react';

// NutUI React Taro, all component styles once (its docs' "全量引入"); our theme and shared classes after it.
// Every stylesheet more than one page uses is imported here, once, in this order: imported page by page
// they reached the build in different orders (mini-css-extract's "Conflicting order" warnings).
import '@nutui/nutui-react-taro/dist/style.css';
import '@nutui/icons-react-taro/dist/style_icon.css';
import './app.scss';
import './components/components.scss';
import './components/form.scss';
import './components/catalogue.scss';
import './components/privacy.scss';
import Taro from '@tarojs/taro';
import { privacyGate, type PrivacyHost } from './services/privacy';

// WeChat's privacy check: one handler for the whole app, answered by PrivacyPopup on the page that asked.
if (process.env.TARO_ENV === 'weapp') privacyGate.install(Taro as unknown as PrivacyHost);

/** Root component: Taro renders the current page as `children`. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
