import { Button, ScrollView, Text, View } from '@tarojs/components';
import type { AssociationResponse, LevelsResponse, ObligationsResponse } from '@itss/shared';
import { DataPage } from '@/components/kit/page-data';
import { LevelCard } from '@/components/level-card';
import { Card, Section } from '@/components/section';
import { EmptyState } from '@/components/state';
import { getAssociation } from '@/packages/association/api';
import { getLevels, getObligations } from '@/packages/membership/api';
import { openApplication, openDirectory, openTab } from '@/utils/actions';
import './index.scss';
import { ROUTES } from '@/routes';

interface MembershipData {
  levels: LevelsResponse;
  obligations: ObligationsResponse;
  association: AssociationResponse;
}

async function loadMembership(): Promise<MembershipData> {
  const [levels, obligations, association] = await Promise.all([
    getLevels(),
    getObligations(),
    getAssociation(),
  ]);
  return { levels, obligations, association };
}

function LevelComparison({ levels }: { levels: LevelsResponse }) {
  const sorted = [...levels.items].sort((a, b) => a.rank - b.rank);
  return (
    <Section title="级别与年费" hint="左右滑动查看各级别">
      <ScrollView scrollX className="membership-levels" enhanced showScrollbar={false}>
        <View className="membership-levels__row">
          {sorted.map((level, index) => (
            <LevelCard key={level.code} level={level} tiers={levels.tiers} next={sorted[index + 1]} />
          ))}
        </View>
      </ScrollView>
    </Section>
  );
}

function Obligations({ obligations }: { obligations: ObligationsResponse }) {
  return (
    <Section title="会员义务">
      {obligations.items.length === 0 ? (
        <EmptyState text="暂无会员义务说明" />
      ) : (
        <Card>
          {obligations.items.map((item) => (
            <View key={item.order} className="membership-list__item">
              <Text className="membership-list__order">{item.order}.</Text>
              <Text className="membership-list__text">{item.text}</Text>
            </View>
          ))}
        </Card>
      )}
    </Section>
  );
}

function JoinGuide({ association }: { association: AssociationResponse }) {
  const { membership, contact } = association;
  const steps = [
    { title: '入会条件', text: membership.composition },
    { title: '级别升级', text: membership.upgradeRule },
    { title: '退会与除名', text: membership.removalRule },
    { title: '会员名单', text: membership.memberListNote },
  ].filter((step) => step.text);
  return (
    <Section title="如何入会">
      <Card>
        {steps.map((step) => (
          <View key={step.title} className="membership-join__block">
            <Text className="membership-join__title">{step.title}</Text>
            <Text className="membership-join__text">{step.text}</Text>
            {step.title === '会员名单' ? (
              <Text className="membership-join__directory" onClick={openDirectory}>
                在小程序中查看会员名录 ›
              </Text>
            ) : null}
          </View>
        ))}
        <View className="membership-join__block membership-join__apply">
          <Text className="membership-join__title">申请方式</Text>
          <Text className="membership-join__text">
            在线填写入会申请并上传营业执照，{contact.department}审核通过后即成为会员单位。如有疑问请联系
            {contact.department}：电话 {contact.phones.join(' / ')}，邮箱 {contact.email}。
          </Text>
          <Button className="membership-join__cta" onClick={openApplication}>
            在线申请入会
          </Button>
          <Button className="membership-join__contact" onClick={() => openTab(ROUTES.contact)}>
            联系{contact.department}
          </Button>
        </View>
      </Card>
    </Section>
  );
}

function MembershipContent({ data: { levels, obligations, association } }: { data: MembershipData }) {
  return (
    <View>
      <View className="membership-banner">
        <Text className="membership-banner__title">会员级别与权益</Text>
        <Text className="membership-banner__desc">
          共 {levels.items.length} 个级别，权益逐级累加：高级别享有低级别的全部权益
        </Text>
      </View>
      {levels.items.length === 0 ? (
        <EmptyState text="暂无会员级别信息" />
      ) : (
        <LevelComparison levels={levels} />
      )}
      <Obligations obligations={obligations} />
      <JoinGuide association={association} />
    </View>
  );
}

export default function MembershipPage() {
  return <DataPage className="page membership" load={loadMembership} content={MembershipContent} />;
}
