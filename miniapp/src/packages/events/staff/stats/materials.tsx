import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { UPLOAD_MAX_BYTES, FileError, materialCreateSchema } from '@itss/shared';
import { useState } from 'react';
import { FilePicker } from '@/components/kit/file-picker';
import { FormFailure, TextInput } from '@/components/kit/form';
import { ItemsView } from '@/components/kit/page-data';
import { apiErrorOf } from '@/services/http';
import type { PickedFile } from '@/services/upload';
import { useRequest } from '@/services/useRequest';
import { formatBeijingTime, formatFileSize } from '@/utils/format';
import { addEventMaterial, getEventMaterials } from '@/packages/events/api';

/**
 * 活动资料: PDFs only registrants (and staff) can read. The title comes first; picking the PDF
 * uploads it and adds it to the event.
 */
export function Materials({ eventId }: { eventId: number }) {
  const request = useRequest(() => getEventMaterials(eventId));
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const checked = materialCreateSchema.shape.title.safeParse(title);

  const upload = (file: PickedFile) => {
    if (file.size > UPLOAD_MAX_BYTES) return Promise.reject(apiErrorOf(FileError.FileTooLarge));
    return addEventMaterial(eventId, file, checked.success ? checked.data : title);
  };

  return (
    <View className="event-materials">
      <ItemsView request={request} emptyText="尚未上传资料" className="event-materials__list" card={false}>
        {(item) => (
          <View key={item.id} className="event-materials__item">
            <Text className="event-materials__title">{item.title}</Text>
            <Text className="event-materials__meta">
              {formatFileSize(item.sizeBytes)} · {formatBeijingTime(item.createdAt)}
            </Text>
          </View>
        )}
      </ItemsView>
      <View className="event-materials__form">
        <TextInput
          className="event-materials__input"
          maxlength={60}
          placeholder="先填写资料名称，如：培训讲义"
          value={title}
          onChange={(value) => {
            setError(null);
            setTitle(value);
          }}
        />
        <FilePicker<void>
          kind="pdf"
          className="event-materials__upload"
          size="mini"
          disabled={!checked.success}
          upload={upload}
          onUploaded={async () => {
            setTitle('');
            await Taro.showToast({ title: '已上传', icon: 'success' });
            await request.refresh();
          }}
          onError={(failure) => setError(failure.message)}
        >
          上传 PDF
        </FilePicker>
      </View>
      <FormFailure className="staff-form__error event-materials__error" message={error} />
      <Text className="staff-tip">资料仅对本活动的报名者和工作人员可见。</Text>
    </View>
  );
}
