import { View } from '@tarojs/components';
import { ItemsView, usePageData } from '@/components/kit/page-data';
import { Section } from '@/components/section';
import { getCampaigns } from '@/packages/join/api';
import { CampaignCard, CreateCampaignForm } from '@/packages/join/components/campaign';
import '@/packages/staff/components/review.scss';
import './index.scss';
import { staffOnly } from '@/components/kit/staff-page';

function CampaignsPage() {
  const { state, reload, refresh } = usePageData(getCampaigns);
  return (
    <View className="page review-page campaigns">
      <Section title="新建推广码" hint="海报、展位或会员转发用，扫码直达入会申请">
        <CreateCampaignForm onCreated={refresh} />
      </Section>
      <Section title="推广码与转化">
        <ItemsView
          request={{ state, reload }}
          emptyText="还没有推广码"
          className="campaign-list"
          card={false}
        >
          {(campaign) => <CampaignCard key={campaign.id} campaign={campaign} />}
        </ItemsView>
      </Section>
    </View>
  );
}

export default staffOnly(CampaignsPage, 'manageCampaigns');
