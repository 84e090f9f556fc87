import { Text, View } from '@tarojs/components';
import { APPLICATION_STATE_NAMES, itssConformityName, UNIT_TYPE_NAMES, type Application } from '@itss/shared';
import { RecordPage } from '@/components/kit/record-page';
import { Card, Section } from '@/components/section';
import { getApplication } from '@/packages/join/api';
import { formatAnnualFee, formatBeijingTime } from '@/utils/format';
import { DECIDABLE_STATES, DecisionPanel } from '@/packages/join/components/decision';
import { LicenceView } from '@/packages/join/components/licence';
import { Field, HistoryRow, RecordColumns } from '@/packages/staff/components/record';
import { ApplicationStateBadge, CHECKSUM_WARNING } from '@/packages/staff/components/review';
import { levelName } from '@/utils/format';
import '@/packages/staff/components/review.scss';
import './index.scss';
import { staffOnly } from '@/components/kit/staff-page';

function ApplicationView({
  application,
  reload,
}: {
  application: Application;
  reload: () => Promise<unknown>;
}) {
  const a = application;
  return (
    <RecordColumns
      head={
        <Card className="app-head">
          <View className="app-head__row">
            <Text className="app-head__unit">{a.unitName}</Text>
            <ApplicationStateBadge state={a.state} />
          </View>
          <Text className="app-head__meta">
            {levelName(a.level)} · {formatAnnualFee(a.annualFeeYuan)} · 提交于{' '}
            {formatBeijingTime(a.submittedAt)}
          </Text>
          {a.creditCodeChecksumValid === false ? (
            <View className="app-warning" role="alert">
              {CHECKSUM_WARNING}
            </View>
          ) : null}
          {a.unit ? <Text className="app-head__meta">已成为会员单位：{a.unit.name}</Text> : null}
        </Card>
      }
      actions={
        <Section title="审核">
          <Card>
            {DECIDABLE_STATES.includes(a.state) ? (
              <DecisionPanel application={a} onChanged={reload} />
            ) : (
              <Text className="app-closed">
                {a.state === 'needs_info'
                  ? '已要求补充材料，等待申请人修改后重新提交'
                  : `该申请${APPLICATION_STATE_NAMES[a.state]}，无需审核`}
              </Text>
            )}
          </Card>
        </Section>
      }
      main={
        <>
          <Section title="单位信息">
            <Card className="record-fields">
              <Field label="单位名称">{a.unitName}</Field>
              <Field label="统一社会信用代码">{a.creditCode}</Field>
              <Field label="单位类型">{UNIT_TYPE_NAMES[a.unitType]}</Field>
              <Field label="所在地区">{a.province === a.city ? a.city : `${a.province} ${a.city}`}</Field>
              <Field label="通讯地址">{a.address}</Field>
              <Field label="法定代表人">{a.legalRepresentative}</Field>
              <Field label="申请级别">
                {levelName(a.level)}（{formatAnnualFee(a.annualFeeYuan)}）
              </Field>
              <Field label="ITSS 符合性证书">{itssConformityName(a.itssConformityLevel)}</Field>
              <Field label="主营业务介绍">{a.businessDescription}</Field>
            </Card>
          </Section>

          <Section title="联系人" hint="入会后为单位的稳定联系人">
            <Card className="record-fields">
              <Field label="姓名">{a.contact.name}</Field>
              <Field label="职务">{a.contact.title}</Field>
              <Field label="手机号">{a.contact.mobile}</Field>
              <Field label="邮箱">{a.contact.email}</Field>
            </Card>
          </Section>

          <Section title="营业执照">
            <Card>
              <LicenceView file={a.licence} />
            </Card>
          </Section>

          <Section title="其他">
            <Card className="record-fields">
              <Field label="来源推广码">{a.campaign ? a.campaign.name : '未通过推广码'}</Field>
              <Field label="同意的文件">
                《工作守则》{a.consents.rulesVersion} 版、《隐私政策》{a.consents.privacyVersion} 版
              </Field>
              <Field label="最近更新">{formatBeijingTime(a.updatedAt)}</Field>
            </Card>
          </Section>
        </>
      }
      side={
        <Section title="办理记录">
          <Card className="record-history">
            {a.history.map((entry) => (
              <HistoryRow
                key={`${entry.state}-${entry.at}`}
                state={APPLICATION_STATE_NAMES[entry.state]}
                at={entry.at}
                by={entry.by.displayName}
                reason={entry.note}
              />
            ))}
          </Card>
        </Section>
      }
    />
  );
}

function ApplicationPage() {
  return (
    <RecordPage load={getApplication} notFound="没有找到这份申请" className="page review-page application">
      {(application, { refresh }) => <ApplicationView application={application} reload={refresh} />}
    </RecordPage>
  );
}

export default staffOnly(ApplicationPage);
