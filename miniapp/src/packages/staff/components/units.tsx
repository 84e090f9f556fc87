import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import { downloadWithToken, releaseDownload, saveAs } from '@/services/download';
import { ApiError } from '@/services/http';
import { isH5 } from '@/services/session';
import { unitsExportPath, type UnitFilters } from '@/services/staff-units';
import { beijingDateStamp } from './review';
import './units.scss';

/** Weapp opens the sheet in WeChat's viewer (share or save from there); H5 downloads it. */
export async function exportUnits(filters: UnitFilters): Promise<void> {
  // The mask keeps a second tap from starting a second export.
  void Taro.showLoading({ title: '正在导出', mask: true });
  let localPath: string | null = null;
  try {
    localPath = await downloadWithToken(unitsExportPath(filters));
    if (isH5()) saveAs(localPath, `会员单位-${beijingDateStamp()}.xlsx`);
    else await Taro.openDocument({ filePath: localPath, fileType: 'xlsx', showMenu: true });
    void Taro.hideLoading();
  } catch (thrown) {
    void Taro.hideLoading();
    // openDocument fails with WeChat's errMsg, which is no message for a person.
    const message = thrown instanceof ApiError ? thrown.message : '无法打开导出的文件，请稍后重试';
    await Taro.showModal({ title: '导出失败', content: message, showCancel: false });
  } finally {
    // Some browsers read the blob only after the click has returned: let it go a little later.
    const done = localPath;
    if (done && isH5()) setTimeout(() => releaseDownload(done), 60000);
  }
}

/** The chosen value of a picker, or its placeholder in grey. */
export function PickerValue({ text, placeholder }: { text: string; placeholder: string }) {
  return (
    <View className="staff-form__picker">
      <Text className={text ? 'staff-form__value' : 'staff-form__value staff-form__value--empty'}>
        {text || placeholder}
      </Text>
      <View className="link-arrow staff-form__arrow" />
    </View>
  );
}

/** A labelled field with the message the contract or the server gave for it. */
export function FormField({
  label,
  error,
  children,
}: {
  label: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <View className="staff-form__field">
      <Text className="staff-form__label">{label}</Text>
      {children}
      {error ? (
        <View className="staff-form__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}
