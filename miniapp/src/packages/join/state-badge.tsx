import { Text } from '@tarojs/components';
import { APPLICATION_STATE_NAMES, type ApplicationState } from '@itss/shared';

/** The state as a coloured tag; the styles (`app-state--<state>`) live in each page's sheet. */
export function StateBadge({ state }: { state: ApplicationState }) {
  return <Text className={`app-state app-state--${state}`}>{APPLICATION_STATE_NAMES[state]}</Text>;
}
