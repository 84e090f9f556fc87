import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  APPLICATION_STATE_MACHINE,
  APPLICATION_STATE_NAMES,
  canTransition,
  itssConformityName,
  UNIT_TYPE_NAMES,
  type Application,
  type ApplicationHistoryEntry,
  type ApplicationState,
} from '@itss/shared';
import { useCallback } from 'react';
import { useConfirmedAction } from '@/components/kit/use-confirmed-action';
import { useIdParam } from '@/components/kit/record-page';
import { SignedInPage } from '@/components/kit/signed-in-page';
import { usePageData } from '@/components/kit/page-data';
import { BusyButton } from '@/components/kit/form';
import { StatusBadge } from '@/components/kit/badges';
import { Card, Section } from '@/components/section';
import { EmptyState, RequestView } from '@/components/state';
import { getApplication, resubmitApplication, withdrawApplication } from '@/packages/join/api';
import { useRefreshOnShow } from '@/components/kit/use-refresh-on-show';
import { formatAnnualFee, formatBeijingTime, formatFileSize, levelName } from '@/utils/format';
import '../../state-badge.scss';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';

const WHO = { applicant: '申请人', staff: '会员服务部' } as const;
/** The latest reason staff gave, while it still applies. */
function currentReason(application: Application): string | null {
  if (application.state !== 'needs_info' && application.state !== 'rejected') return null;
  return application.history.at(-1)?.note ?? null;
}

function History({ entries }: { entries: ApplicationHistoryEntry[] }) {
  return (
    <Card className="detail-history">
      {entries.map((entry) => (
        <View key={`${entry.state}-${entry.at}`} className="detail-history__entry">
          <View className="detail-history__dot" />
          <View className="detail-history__body">
            <View className="detail-history__head">
              <Text className="detail-history__state">{APPLICATION_STATE_NAMES[entry.state]}</Text>
              <Text className="detail-history__time">{formatBeijingTime(entry.at)}</Text>
            </View>
            <Text className="detail-history__who">{WHO[entry.by.role]}</Text>
            {entry.note ? <Text className="detail-history__note">{entry.note}</Text> : null}
          </View>
        </View>
      ))}
    </Card>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className="detail-row">
      <Text className="detail-row__label">{label}</Text>
      <Text className="detail-row__value">{value}</Text>
    </View>
  );
}

interface DetailProps {
  application: Application;
  onChanged: () => Promise<unknown>;
}

function Detail({ application, onChanged }: DetailProps) {
  const { busy, run } = useConfirmedAction(onChanged);
  const reason = currentReason(application);
  const can = (to: ApplicationState) => canTransition(APPLICATION_STATE_MACHINE, application.state, to);
  const withdraw = () =>
    run(
      {
        title: '撤回申请',
        content: '撤回后本申请将不再审核，如需入会需重新提交。确定撤回吗？',
        confirmText: '撤回',
      },
      () => withdrawApplication(application.id),
      '已撤回',
    );

  return (
    <View>
      <View className="detail-head">
        <View className="detail-head__top">
          <Text className="detail-head__name">{application.unitName}</Text>
          <StatusBadge block="app-state" state={application.state} names={APPLICATION_STATE_NAMES} />
        </View>
        <Text className="detail-head__meta">
          申请编号 {application.id} · 提交于 {formatBeijingTime(application.submittedAt)}
        </Text>
      </View>

      {reason ? (
        <View className={`detail-reason detail-reason--${application.state}`}>
          <Text className="detail-reason__title">
            {application.state === 'needs_info' ? '会员服务部请您补充材料：' : '未通过原因：'}
          </Text>
          <Text className="detail-reason__text">{reason}</Text>
        </View>
      ) : null}

      <View className="detail-actions">
        {can('resubmitted') ? (
          <>
            <Button
              className="detail-actions__primary"
              disabled={busy || undefined}
              onClick={() => void Taro.navigateTo({ url: routeUrl(ROUTES.apply, { id: application.id }) })}
            >
              修改申请
            </Button>
            <BusyButton
              className="detail-actions__secondary"
              busy={busy}
              onClick={() => void run(null, () => resubmitApplication(application.id), '已重新提交')}
            >
              不修改，直接重新提交
            </BusyButton>
          </>
        ) : null}
        {application.state === 'approved' && application.unit ? (
          <Button
            className="detail-actions__primary"
            onClick={() =>
              void Taro.navigateTo({ url: routeUrl(ROUTES.myUnit, { id: application.unit?.id }) })
            }
          >
            查看我的单位
          </Button>
        ) : null}
      </View>

      <Section title="办理进度">
        <History entries={application.history} />
      </Section>

      <Section title="申请信息">
        <Card className="detail-fields">
          <Row label="统一社会信用代码" value={application.creditCode} />
          <Row label="单位类型" value={UNIT_TYPE_NAMES[application.unitType]} />
          <Row label="所在地区" value={`${application.province} ${application.city}`} />
          <Row label="通讯地址" value={application.address} />
          <Row label="法定代表人" value={application.legalRepresentative} />
          <Row label="联系人" value={`${application.contact.name}（${application.contact.title}）`} />
          <Row label="手机号" value={application.contact.mobile} />
          <Row label="邮箱" value={application.contact.email} />
          <Row
            label="申请级别"
            value={`${levelName(application.level)} · ${formatAnnualFee(application.annualFeeYuan)}`}
          />
          <Row label="ITSS 符合性证书" value={itssConformityName(application.itssConformityLevel)} />
          <Row
            label="营业执照"
            value={`${application.licence.name}（${formatFileSize(application.licence.size)}）`}
          />
          <Row label="主营业务" value={application.businessDescription} />
        </Card>
      </Section>

      {can('withdrawn') ? (
        <View className="detail-actions">
          <BusyButton className="detail-actions__danger" busy={busy} onClick={() => void withdraw()}>
            撤回申请
          </BusyButton>
        </View>
      ) : null}
    </View>
  );
}

function ApplicationDetail({ id }: { id: number }) {
  const load = useCallback(() => getApplication(id), [id]);
  const { state, reload, refresh } = usePageData(load);
  // Back from editing, the application has moved on.
  useRefreshOnShow(refresh);
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {(application) => <Detail application={application} onChanged={refresh} />}
    </RequestView>
  );
}

export default function DetailPage() {
  const id = useIdParam();
  if (id === null)
    return (
      <View className="page detail">
        <EmptyState text="没有找到这份申请" />
      </View>
    );
  return (
    <SignedInPage
      className="page detail"
      loginText="登录后查看申请进度"
      content={() => <ApplicationDetail id={id} />}
    />
  );
}
