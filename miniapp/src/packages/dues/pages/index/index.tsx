import { Button, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { ErrorCode, type Bill, type DuesSettingsResponse, type Me } from '@itss/shared';
import { useCallback } from 'react';
import { SignedInPage } from '@/components/kit/signed-in-page';
import { usePageData } from '@/components/kit/page-data';
import { EmptyState, ErrorState, Loading } from '@/components/state';
import { getDuesSettings, getUnitBills } from '@/packages/dues/api';
import { toApiError } from '@/services/http';
import { ROUTES } from '@/routes';
import { openDirectory, openTab } from '@/utils/actions';
import { BillCard } from './bill-card';
import './index.scss';

interface DuesData {
  bills: Bill[];
  settings: DuesSettingsResponse;
}

/** The unit's bills and how to pay them; null when the server hides the unit's bills (404). */
async function loadDues(unitId: number): Promise<DuesData | null> {
  const [bills, settings] = await Promise.all([
    getUnitBills(unitId).catch((error: unknown) => {
      if (toApiError(error).code === ErrorCode.NotFound) return null;
      throw error;
    }),
    getDuesSettings(),
  ]);
  return bills ? { bills: bills.items, settings } : null;
}

/** Not a contact of the unit (or of none): why, and the way in. */
function NotContact() {
  return (
    <View className="dues-refused" role="alert">
      <Text className="dues-refused__title">会费仅限会员单位联系人查看</Text>
      <Text className="dues-refused__text">
        会员单位的联系人可在这里查看本单位每年的会费账单、在线缴费和申请会费票据。如您的单位已是会员，请在「会员名录」中找到单位申请加入，或请主联系人邀请您。
      </Text>
      <View className="dues-refused__actions">
        <Button className="dues-refused__primary" onClick={openDirectory}>
          会员名录
        </Button>
        <Button className="dues-refused__secondary" onClick={() => openTab(ROUTES.membership)}>
          如何入会
        </Button>
      </View>
    </View>
  );
}

function UnitDues({ unitId, unitName }: { unitId: number; unitName: string | null }) {
  const load = useCallback(() => loadDues(unitId), [unitId]);
  const { state, reload, refresh } = usePageData(load);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error')
    return <ErrorState message={state.error.message} onRetry={() => void reload()} />;
  if (!state.data) return <NotContact />;
  const { bills, settings } = state.data;
  const name = unitName ?? bills[0]?.unitName ?? null;
  return (
    <View className="dues-content">
      <View className="dues-banner">
        <Text className="dues-banner__title">{name ?? '会费'}</Text>
        <Text className="dues-banner__desc">
          会费按年度缴纳，可通过对公转账{settings.wechatPay ? '或微信支付' : ''}缴费。
        </Text>
      </View>
      {bills.length ? (
        <View className="dues-bills">
          {bills.map((bill) => (
            <BillCard key={bill.id} bill={bill} settings={settings} onChanged={() => void refresh()} />
          ))}
        </View>
      ) : (
        <EmptyState text="本单位暂无会费账单，账单生成后会通知您" />
      )}
    </View>
  );
}

/** `?unitId=` as a message hands it over; else the person's own unit. */
function Dues({ me }: { me: Me }) {
  const { params } = useRouter();
  const asked = Number(params.unitId);
  const unitId = Number.isSafeInteger(asked) && asked > 0 ? asked : (me.unit?.id ?? null);
  if (unitId === null) return <NotContact />;
  return <UnitDues unitId={unitId} unitName={me.unit?.id === unitId ? me.unit.name : null} />;
}

export default function DuesPage() {
  return <SignedInPage className="page dues" loginText="登录后查看本单位的会费账单" content={Dues} />;
}
