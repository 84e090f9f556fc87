import { View } from '@tarojs/components';
import type { Me } from '@itss/shared';
import type { ReactNode } from 'react';
import { EmptyState, Loading } from '@/components/state';
import { useSession } from '@/services/session';

/** Submitting is in a unit's name: only its contacts reach the page's content. */
export function UnitContactsOnly({ children }: { children: (unit: NonNullable<Me['unit']>) => ReactNode }) {
  const session = useSession();
  if (session.status === 'loading') return <Loading />;
  if (session.status !== 'signedIn' || !session.me.unit)
    return (
      <View className="page submit-page">
        <EmptyState text="仅会员单位的联系人可以投稿，请先加入所在单位" />
      </View>
    );
  return <>{children(session.me.unit)}</>;
}
