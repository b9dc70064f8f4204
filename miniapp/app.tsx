import type { PropsWithChildren } from 'react';

// NutUI React Taro, all component styles once (its docs' "全量引入"); our theme and shared classes after it.
import '@nutui/nutui-react-taro/dist/style.css';
import './app.scss';

/** Root component: Taro renders the current page as `children`. */
function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
