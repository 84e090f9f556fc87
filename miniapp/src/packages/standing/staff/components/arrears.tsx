import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { UNIT_STATUS_NAMES, type ArrearsItem, type ArrearsListResponse } from '@itss/shared';
import { StatusBadge } from '@/components/kit/badges';
import { ROUTES, routeUrl } from '@/routes';
import { getArrears } from '@/packages/standing/api';
import './arrears.scss';

export interface ArrearsFilters {
  proposed?: boolean;
}

export function openArrearsUnit(item: Pick<ArrearsItem, 'unitId'>): void {
  void Taro.navigateTo({ url: routeUrl(ROUTES.arrearsUnit, { unitId: item.unitId }) });
}

/** The whole list in one answer, as the kit's keyset list holds it (one page, no cursor). */
export function loadArrears(filters: ArrearsFilters) {
  return async (): Promise<ArrearsListResponse & { nextCursor: null }> => ({
    ...(await getArrears(filters.proposed)),
    nextCursor: null,
  });
}

export function arrearsEmptyText(filters: ArrearsFilters): string {
  return filters.proposed ? '暂无建议除名的会员单位' : '暂无逾期未缴会费的会员单位';
}

/** 建议除名 on a unit the two-year rule proposes for removal; 已除名 once it is removed. */
export function ProposedBadge({ item }: { item: Pick<ArrearsItem, 'removalProposed' | 'status'> }) {
  if (item.status === 'removed')
    return <StatusBadge block="arrears-badge" state={item.status} names={UNIT_STATUS_NAMES} />;
  return item.removalProposed ? (
    <Text className="arrears-badge arrears-badge--proposed">建议除名</Text>
  ) : null;
}
