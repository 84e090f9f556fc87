import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Group } from '@itss/shared';
import { useState } from 'react';
import { ItemsView, usePageData } from '@/components/kit/page-data';
import { useConfirmedAction } from '@/components/kit/use-confirmed-action';
import { Card, Section } from '@/components/section';
import { getGroups, updateGroup } from '@/packages/groups/api';
import { useSubscribeMessages } from '@/services/subscribe';
import { levelName } from '@/utils/format';
import { CodeState, CodeUpload } from './code';
import { CreateGroupForm, EditGroupForm } from './group-form';
import '@/packages/staff/components/units.scss';
import './index.scss';
import { staffOnly } from '@/components/kit/staff-page';

type Reload = () => Promise<unknown>;

const EXPIRY_PURPOSES = ['group_code_expiring'] as const;

type Panel = 'none' | 'edit' | 'upload';

function GroupCard({ group, onChanged }: { group: Group; onChanged: Reload }) {
  const [panel, setPanel] = useState<Panel>('none');
  const { busy, run } = useConfirmedAction(onChanged);
  const toggle = (next: Panel) => setPanel((current) => (current === next ? 'none' : next));
  const archive = () => {
    const archived = !group.archived;
    return run(
      {
        title: archived ? '归档群' : '恢复群',
        content: archived
          ? `归档后「${group.name}」不再向会员展示，可随时恢复。确定归档吗？`
          : `恢复后「${group.name}」将再次向符合级别的会员展示。确定恢复吗？`,
        confirmText: archived ? '归档' : '恢复',
      },
      () => updateGroup(group.id, { archived }),
      archived ? '已归档' : '已恢复',
    );
  };
  return (
    <Card className={`group-card${group.archived ? ' group-card--archived' : ''}`}>
      <View className="group-card__head">
        <Text className="group-card__name">{group.name}</Text>
        {group.archived ? <Text className="group-card__tag">已归档</Text> : null}
      </View>
      <Text className="group-card__meta">
        {levelName(group.minLevel)}及以上 · 已向 {group.revealedCount} 位联系人展示
      </Text>
      {group.note ? <Text className="group-card__note">{group.note}</Text> : null}
      <CodeState group={group} />
      {panel === 'edit' ? (
        <EditGroupForm
          group={group}
          onDone={async (changed) => {
            setPanel('none');
            if (changed) await onChanged();
          }}
        />
      ) : null}
      {panel === 'upload' ? (
        <CodeUpload
          group={group}
          onUploaded={async () => {
            setPanel('none');
            await onChanged();
          }}
        />
      ) : null}
      <View className="group-card__actions">
        {group.archived ? null : (
          <Button className="staff-button staff-button--primary" size="mini" onClick={() => toggle('upload')}>
            上传群二维码
          </Button>
        )}
        <Button className="staff-button" size="mini" onClick={() => toggle('edit')}>
          编辑
        </Button>
        <Button
          className="staff-button"
          size="mini"
          disabled={busy || undefined}
          onClick={() => void archive()}
        >
          {group.archived ? '恢复' : '归档'}
        </Button>
      </View>
    </Card>
  );
}

/**
 * WeChat lets the server send one service notice per 允许, asked for within a tap: staff opt in to
 * the next expiry warning here. The to-do and 消息 warn them either way.
 */
function ExpiryReminder() {
  const reminder = useSubscribeMessages(EXPIRY_PURPOSES);
  if (!reminder.ready) return null;
  const ask = async () => {
    const outcome = await reminder.ask();
    if (outcome === 'unavailable') return;
    await Taro.showToast({
      title: outcome === 'accepted' ? '已开启一次到期提醒' : '未开启，到期时仍会在待办和消息中提醒',
      icon: 'none',
    });
  };
  return (
    <View className="groups-reminder">
      <Text className="staff-tip">
        群二维码到期前一天，通过微信服务通知提醒您重新上传。每同意一次，可收到一次提醒。
      </Text>
      <Button className="staff-button groups-reminder__button" size="mini" onClick={() => void ask()}>
        到期提醒
      </Button>
    </View>
  );
}

function GroupsPage() {
  const { state, reload, refresh } = usePageData(getGroups);
  return (
    <View className="page staff-page groups-page">
      <CreateGroupForm onCreated={refresh} />
      <Section title="会员微信群" hint="会员在「我的」中查看入群方式">
        <ExpiryReminder />
        <ItemsView
          request={{ state, reload }}
          emptyText="还没有会员微信群，请先新建"
          className="group-list"
          card={false}
        >
          {(group) => <GroupCard key={group.id} group={group} onChanged={refresh} />}
        </ItemsView>
      </Section>
    </View>
  );
}

export default staffOnly(GroupsPage);
