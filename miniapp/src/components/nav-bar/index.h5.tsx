import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ROUTES, TAB_PAGES, isStaffPage, pageTitle, routeUrl } from '@/routes';
import './index.scss';

/** Taro's H5 router announces each page it has shown; there is no public hook for it. */
const ROUTE_SHOWN = '__afterTaroRouterChange';

interface Place {
  title: string;
  tab: boolean;
  /** Whether a page of the app lies behind this one (false when opened from a link). */
  behind: boolean;
  /** A staff page: on a wide screen the bar spans the console, not the member pages' column. */
  staff: boolean;
}

function currentPlace(): Place | null {
  const pages = Taro.getCurrentPages();
  const route = pages.at(-1)?.route?.replace(/^\//, '');
  if (!route) return null;
  return {
    title: pageTitle(route) ?? '',
    tab: (TAB_PAGES as readonly string[]).includes(route),
    behind: pages.length > 1,
    staff: isStaffPage(route),
  };
}

const goHome = () => void Taro.reLaunch({ url: routeUrl(ROUTES.home) });

/**
 * The browser has no WeChat bar, so the app draws one above every page: its title, a back on every
 * page but the tabs, and a home on a page opened from a link, where back has nothing in the app to
 * return to and leads home too.
 */
export function NavBar() {
  const [place, setPlace] = useState<Place | null>(currentPlace);
  useEffect(() => {
    const update = () => setPlace(currentPlace());
    update();
    Taro.eventCenter.on(ROUTE_SHOWN, update);
    return () => void Taro.eventCenter.off(ROUTE_SHOWN, update);
  }, []);
  if (!place) return <View className="nav-bar" />;
  const back = place.behind ? () => void Taro.navigateBack() : goHome;
  return (
    <View className={place.staff ? 'nav-bar nav-bar--staff' : 'nav-bar'}>
      {place.tab ? null : (
        <View className="nav-bar__back" role="button" aria-label="返回" onClick={back}>
          <View className="nav-bar__chevron" />
        </View>
      )}
      {place.tab || place.behind ? null : (
        <View className="nav-bar__home" role="button" aria-label="首页" onClick={goHome}>
          <Text className="nav-bar__home-text">首页</Text>
        </View>
      )}
      <Text className="nav-bar__title">{place.title}</Text>
    </View>
  );
}
