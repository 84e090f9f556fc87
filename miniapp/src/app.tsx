import './polyfills/global-this';
import './services/schemas';
import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { watchWideLayout } from './components/kit/layout';
import { NavBar } from './components/nav-bar';
import { listenForPrivacyQuestions } from './services/privacy';
import { captureLaunchScene } from './services/scene';
import { session } from './services/session';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch((options) => {
    // WeChat pages render on their own, so the consent sheet (components/privacy-sheet) sits on
    // the pages that call privacy APIs; the app only listens for WeChat's question.
    listenForPrivacyQuestions();
    void session.start();
    captureLaunchScene(options?.query);
    // H5 on a desk's screen: `.is-wide` on <html> switches the styles to the wide layout.
    watchWideLayout();
  });
  return (
    <>
      <NavBar />
      {children}
    </>
  );
}

export default App;
