import { View } from '@tarojs/components';
import { staffOnly } from '@/components/kit/staff-page';
import { FullDashboard } from '@/packages/staff/components/dashboard/dashboard';
import './index.scss';

/** 查看全部 from the phone's workbench: every chart with its table, and the range to read them over. */
function DashboardPage() {
  return (
    <View className="page dashboard-page">
      <FullDashboard />
    </View>
  );
}

export default staffOnly(DashboardPage, 'readDashboard');
