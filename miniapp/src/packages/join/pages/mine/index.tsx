import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { APPLICATION_STATE_NAMES } from '@itss/shared';
import { SignedInPage } from '@/components/kit/signed-in-page';
import { usePageData } from '@/components/kit/page-data';
import { StatusBadge } from '@/components/kit/badges';
import { Card } from '@/components/section';
import { RequestView } from '@/components/state';
import { getMyApplications } from '@/packages/join/api';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';
import { formatBeijingTime, levelName } from '@/utils/format';
import '../../state-badge.scss';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';

const openApply = () => void Taro.navigateTo({ url: routeUrl(ROUTES.apply) });

function MyApplications() {
  const { state, reload, refresh } = usePageData(getMyApplications);
  // Back from a detail page the state may have changed (withdrawn, resubmitted).
  useRefreshOnShow(refresh);
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {({ items }) =>
        items.length ? (
          <Card className="mine-list">
            {items.map((item) => (
              <View
                key={item.id}
                className="mine-list__row"
                onClick={() => void Taro.navigateTo({ url: routeUrl(ROUTES.application, { id: item.id }) })}
              >
                <View className="mine-list__main">
                  <Text className="mine-list__name">{item.unitName}</Text>
                  <Text className="mine-list__meta">
                    {levelName(item.level)} · 提交于 {formatBeijingTime(item.submittedAt)}
                  </Text>
                </View>
                <StatusBadge block="app-state" state={item.state} names={APPLICATION_STATE_NAMES} />
              </View>
            ))}
          </Card>
        ) : (
          <View className="mine-empty">
            <Text className="mine-empty__text">您还没有提交过入会申请</Text>
            <Button className="mine-empty__button" onClick={openApply}>
              申请入会
            </Button>
          </View>
        )
      }
    </RequestView>
  );
}

export default function MinePage() {
  return <SignedInPage className="page mine" loginText="登录后查看您的入会申请" content={MyApplications} />;
}
