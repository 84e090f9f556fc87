import { Text } from '@tarojs/components';
import { REGISTRATION_STATE_NAMES, type Registration } from '@itss/shared';
import './registration-badge.scss';

/** The registration's state as a coloured tag; once checked in, 已签到 says more than 报名成功. */
export function RegistrationBadge({
  registration,
}: {
  registration: Pick<Registration, 'state' | 'checkedInAt'>;
}) {
  const checkedIn = registration.checkedInAt !== null && registration.state === 'confirmed';
  const modifier = checkedIn ? 'checked-in' : registration.state;
  return (
    <Text className={`registration-badge registration-badge--${modifier}`}>
      {checkedIn ? '已签到' : REGISTRATION_STATE_NAMES[registration.state]}
    </Text>
  );
}
