import { Text } from '@tarojs/components';
import { APPLICATION_STATE_NAMES, type ApplicationState } from '@itss/shared';
import { StatusBadge } from '@/components/kit/badges';

/** Genuine early codes can fail the checksum: staff check the licence rather than refuse outright. */
export const CHECKSUM_WARNING = '统一社会信用代码校验位不符，请核对营业执照';

export function ChecksumBadge() {
  return <Text className="review-badge review-badge--warning">校验位不符</Text>;
}

/** An application's state in staff's review lists (their sheet spells needs_info as needs-info). */
export function ApplicationStateBadge({ state }: { state: ApplicationState }) {
  return (
    <StatusBadge
      block="review-badge"
      state={state}
      modifier={state.replace('_', '-')}
      names={APPLICATION_STATE_NAMES}
    />
  );
}
