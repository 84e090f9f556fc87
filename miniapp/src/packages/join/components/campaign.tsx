import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { createCampaignRequestSchema, type Campaign, type CampaignFunnel } from '@itss/shared';
import { useState } from 'react';
import { BusyButton, FormFailure, TextInput } from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { Downloaded, downloadOf, PreviewImage } from '@/components/kit/downloaded';
import { Card } from '@/components/section';
import { saveAs } from '@/services/download';
import { fieldMessage } from '@/services/http';
import { campaignCodePath, createCampaign } from '@/packages/join/api';
import { isH5 } from '@/services/session';
import { formatBeijingTime } from '@/utils/format';
import './campaign.scss';
import { showModal } from '@/services/modal';

export function CreateCampaignForm({ onCreated }: { onCreated: () => Promise<unknown> }) {
  const [name, setName] = useState('');
  const { busy, error, setError, run } = useTask();

  const submit = async () => {
    const parsed = createCampaignRequestSchema.safeParse({ name });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请输入名称');
      return;
    }
    await run(
      async () => {
        const campaign = await createCampaign(parsed.data);
        setName('');
        await Taro.showToast({ title: `已创建${campaign.name}`, icon: 'none' });
        await onCreated();
      },
      (failure) => fieldMessage(failure, 'name'),
    );
  };

  return (
    <Card className="campaign-create">
      <TextInput
        className="campaign-create__name"
        maxlength={40}
        placeholder="推广码名称，如：2026 会议周展位"
        value={name}
        onChange={setName}
      />
      <FormFailure className="campaign-create__error" message={error} />
      <BusyButton className="campaign-create__submit" busy={busy} onClick={() => void submit()}>
        创建推广码
      </BusyButton>
    </Card>
  );
}

const STEPS: readonly { key: keyof CampaignFunnel; label: string }[] = [
  { key: 'scans', label: '扫码' },
  { key: 'started', label: '开始填写' },
  { key: 'submitted', label: '已提交' },
  { key: 'approved', label: '已通过' },
];

export function Funnel({ funnel }: { funnel: CampaignFunnel }) {
  return (
    <View className="funnel">
      {STEPS.map((step, index) => (
        <View key={step.key} className={`funnel__step funnel__step--${step.key}`}>
          {index > 0 ? <View className="funnel__arrow">→</View> : null}
          <View className="funnel__cell">
            <Text className="funnel__count">{funnel[step.key]}</Text>
            <Text className="funnel__label">{step.label}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

async function saveCode(localPath: string, campaign: Campaign): Promise<void> {
  if (isH5()) {
    saveAs(localPath, `入会推广码-${campaign.name}.png`);
    return;
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath: localPath });
    await Taro.showToast({ title: '已保存到相册', icon: 'success' });
  } catch {
    // Refused permission or cancelled: say how to allow it.
    await showModal({
      title: '未能保存',
      content: '请在小程序设置中允许“保存到相册”，或长按图片保存',
      showCancel: false,
    });
  }
}

/** The campaign's mini-program code: asked of the server with the token, then shown and saved. */
export function CampaignCode({ campaign }: { campaign: Campaign }) {
  return (
    <Downloaded load={downloadOf(campaignCodePath(campaign.id))}>
      {(localPath) => (
        <View className="campaign-code">
          <PreviewImage className="campaign-code__image" src={localPath} saveByLongPress />
          <Text className="campaign-code__scene">推广码编号：{campaign.scene}</Text>
          <Button className="campaign-code__save" onClick={() => void saveCode(localPath, campaign)}>
            {isH5() ? '下载图片' : '保存到相册'}
          </Button>
        </View>
      )}
    </Downloaded>
  );
}

export function CampaignCard({ campaign }: { campaign: Campaign }) {
  const [showCode, setShowCode] = useState(false);
  return (
    <Card className="campaign">
      <View className="campaign__head">
        <Text className="campaign__name">{campaign.name}</Text>
        <Text className="campaign__time">{formatBeijingTime(campaign.createdAt)}</Text>
      </View>
      <Funnel funnel={campaign.funnel} />
      {showCode ? (
        <CampaignCode campaign={campaign} />
      ) : (
        <View className="campaign__show" onClick={() => setShowCode(true)}>
          <Text className="campaign__show-text">查看小程序码</Text>
          <View className="link-arrow" />
        </View>
      )}
    </Card>
  );
}
