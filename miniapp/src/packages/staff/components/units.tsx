import Taro from '@tarojs/taro';
import type { ComponentProps } from 'react';
import { FormField } from '@/components/kit/form';
import { downloadWithToken, releaseDownload, saveAs } from '@/services/download';
import { ApiError } from '@/services/http';
import { isH5 } from '@/services/session';
import { unitsExportPath, type UnitFilters } from '@/packages/unit/api';
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

/** A field of a staff form, with the message the contract or the server gave for it. */
export function StaffField(props: Omit<ComponentProps<typeof FormField>, 'block' | 'className'>) {
  return <FormField block="staff-form" className="staff-form__field" {...props} />;
}
