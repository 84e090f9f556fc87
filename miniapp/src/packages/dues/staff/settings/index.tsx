import { View } from '@tarojs/components';
// Before the state sheet (staffOnly's), as in every page that shows cards.
import { Card, Section } from '@/components/section';
import { staffOnly } from '@/components/kit/staff-page';
import { RequestView } from '@/components/state';
import { usePageData } from '@/components/kit/page-data';
import { useRequest } from '@/services/useRequest';
import { getDuesSettings, getFees } from '@/packages/dues/api';
// The sheets in the order the other dues pages load them (the extracted CSS keeps one order).
import '@/packages/staff/components/record.scss';
import '@/packages/dues/staff/components/dues.scss';
import '@/packages/staff/components/units.scss';
import { AccountForm } from './account';
import { FeeHistory, FeesPanel } from './fees';
import './index.scss';

function DuesSettingsPage() {
  const fees = usePageData(getFees);
  const settings = useRequest(getDuesSettings);
  return (
    <View className="page staff-page dues-settings">
      <Section title="会费标准" hint="已生成账单的年度不能再修改">
        <RequestView state={fees.state} onRetry={() => void fees.reload()}>
          {(data) => (
            <>
              <Card className="fee-years">
                <FeesPanel fees={data} onSaved={fees.refresh} />
              </Card>
              <Section title="修改记录" className="fee-history">
                <Card className="record-history">
                  <FeeHistory history={data.history} />
                </Card>
              </Section>
            </>
          )}
        </RequestView>
      </Section>
      <Section title="收款账户" hint="单位联系人在「会费」中看到，用于对公转账">
        <RequestView state={settings.state} onRetry={() => void settings.reload()}>
          {(data) => (
            <Card>
              <AccountForm saved={data} onSaved={settings.refresh} />
            </Card>
          )}
        </RequestView>
      </Section>
    </View>
  );
}

export default staffOnly(DuesSettingsPage);
