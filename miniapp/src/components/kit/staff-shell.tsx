import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Me } from '@itss/shared';
import type { ReactNode } from 'react';
import { WORKBENCH_TILES, bySection } from '@/registry';
import { ROUTES, type Route } from '@/routes';
import { openPage } from '@/utils/actions';
import { useWideLayout } from './layout';
import './staff-shell.scss';

/** A page's route as the route table writes it: no leading slash, no query. */
const bare = (path: string | undefined): string => (path ?? '').replace(/^\//, '').split('?')[0] ?? '';

/** The feature folder a staff page belongs to, so a record page (a unit) lights its list (会员单位). */
const featureOf = (route: string): string => /^packages\/[\w-]+\//.exec(route)?.[0] ?? route;

/**
 * Opens a section of the console. A section already open further down the stack is returned to
 * (whatever its page held is still there, and the stack stays as short as the console's sections);
 * any other opens over this page, so an unsaved draft here is not lost either.
 */
function openSection(route: Route): void {
  const stack = Taro.getCurrentPages().map((page) => bare(page.route));
  const below = stack.lastIndexOf(route);
  if (below >= 0) void Taro.navigateBack({ delta: stack.length - 1 - below });
  else openPage(route);
}

interface NavItem {
  text: string;
  route: Route;
}

/** The console's sections: 工作台 first, then the workbench's tiles this person may use, by section. */
function sections(can: Me['can']): { title: string; items: NavItem[] }[] {
  const tiles = WORKBENCH_TILES.filter((tile) => tile.visible?.(can) ?? true);
  return [{ title: '', items: [{ text: '工作台', route: ROUTES.workbench }] }, ...bySection(tiles)];
}

/** The item lit for the page shown: its own, or else the first of its feature (a record under its list). */
function activeRoute(current: string, items: NavItem[]): Route | null {
  return (
    items.find((item) => item.route === current)?.route ??
    items.find((item) => featureOf(item.route) === featureOf(current) && item.route !== ROUTES.workbench)
      ?.route ??
    null
  );
}

function SideNav({ me, current }: { me: Me; current: string }) {
  const groups = sections(me.can);
  const active = activeRoute(
    current,
    groups.flatMap((group) => group.items),
  );
  return (
    <View className="staff-shell__nav" role="navigation" aria-label="工作台导航">
      <Text className="staff-shell__brand">ITSS 分会 · 工作台</Text>
      {groups.map((group) => (
        <View key={group.title || 'home'} className="staff-shell__group">
          {group.title ? <Text className="staff-shell__group-title">{group.title}</Text> : null}
          {group.items.map((item) => (
            <View
              key={item.route}
              className={`staff-shell__item${item.route === active ? ' staff-shell__item--active' : ''}`}
              role="link"
              aria-current={item.route === active ? 'page' : undefined}
              onClick={() => (item.route === current ? undefined : openSection(item.route))}
            >
              {item.text}
            </View>
          ))}
        </View>
      ))}
      <Text className="staff-shell__who">{me.displayName}</Text>
    </View>
  );
}

/**
 * Where a staff page is drawn. At phone width (and always in the mini-program) it is the page
 * alone, as before; on a wide screen (components/kit/layout.ts) the console's side navigation sits
 * at the left and the page fills the width to its right.
 */
export function StaffShell({ me, children }: { me: Me; children: ReactNode }) {
  const wide = useWideLayout();
  const { path } = useRouter();
  if (!wide) return <>{children}</>;
  return (
    <View className="staff-shell">
      <SideNav me={me} current={bare(path)} />
      <View className="staff-shell__main">{children}</View>
    </View>
  );
}
