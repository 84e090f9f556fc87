import { View } from '@tarojs/components';
import { Section } from '@/components/section';
import { RequestView } from '@/components/state';
import { getCampaigns } from '@/packages/join/api';
import { usePullToRefresh } from '@/components/kit/use-pull-to-refresh';
import { useRequest } from '@/services/useRequest';
import { CampaignCard, CreateCampaignForm } from '@/packages/join/components/campaign';
import '@/packages/staff/components/review.scss';
import './index.scss';

export default function CampaignsPage() {
  const { state, reload, refresh } = useRequest(getCampaigns);
  usePullToRefresh(refresh);
  return (
    <View className="page review-page campaigns">
      <Section title="新建推广码" hint="海报、展位或会员转发用，扫码直达入会申请">
        <CreateCampaignForm onCreated={refresh} />
      </Section>
      <Section title="推广码与转化">
        <RequestView
          state={state}
          onRetry={() => void reload()}
          isEmpty={(list) => !list.items.length}
          emptyText="还没有推广码"
        >
          {(list) => (
            <View className="campaign-list">
              {list.items.map((campaign) => (
                <CampaignCard key={campaign.id} campaign={campaign} />
              ))}
            </View>
          )}
        </RequestView>
      </Section>
    </View>
  );
}
