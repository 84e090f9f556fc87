import Taro from '@tarojs/taro';
import type { Registration } from '@itss/shared';
import { ApiError } from '@/services/http';
import { downloadWithToken, releaseDownload, saveAs } from '@/services/download';
import { showModal } from '@/services/modal';
import { isH5 } from '@/services/session';
import { calendarPath } from '@/packages/events/api';
import { placeText } from '@/packages/events/format';

/** The phone's calendar reminds an hour before the start. */
const ALARM_BEFORE_SECONDS = 3600;

type Entry = Pick<Registration, 'id' | 'eventTitle' | 'sessionTitle' | 'startsAt' | 'endsAt' | 'place'>;

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** The browser has no calendar to write to: it downloads the session as an .ics file to open. */
async function downloadIcs(entry: Entry): Promise<void> {
  let localPath: string | null = null;
  try {
    localPath = await downloadWithToken(calendarPath(entry.id));
    saveAs(localPath, `${entry.eventTitle}.ics`);
  } catch (thrown) {
    const message = thrown instanceof ApiError ? thrown.message : '日历文件下载失败，请稍后重试';
    await showModal({ title: '未能添加到日历', content: message, showCancel: false });
  } finally {
    if (localPath) releaseDownload(localPath);
  }
}

/** 添加到日历: WeChat writes the session into the phone's calendar (asking first); a browser downloads it. */
export async function addToCalendar(entry: Entry): Promise<void> {
  if (isH5()) {
    await downloadIcs(entry);
    return;
  }
  try {
    await Taro.addPhoneCalendar({
      title:
        entry.sessionTitle && entry.sessionTitle !== entry.eventTitle
          ? `${entry.eventTitle}（${entry.sessionTitle}）`
          : entry.eventTitle,
      startTime: seconds(entry.startsAt),
      // WeChat's declaration types the end as a string of the same seconds.
      endTime: String(seconds(entry.endsAt)),
      location: placeText(entry.place),
      description:
        entry.place.mode === 'online' ? `直播：${entry.place.liveUrl}` : '签到时请出示「我的活动」中的电子票',
      alarm: true,
      alarmOffset: ALARM_BEFORE_SECONDS,
    });
    void Taro.showToast({ title: '已添加到日历', icon: 'success' });
  } catch (thrown) {
    const errMsg = typeof thrown === 'object' && thrown && 'errMsg' in thrown ? String(thrown.errMsg) : '';
    if (/cancel/i.test(errMsg)) return;
    await showModal({
      title: '未能添加到日历',
      content: /auth|deny|denied/i.test(errMsg)
        ? '请在小程序设置中允许使用日历后重试。'
        : '添加到日历失败，请稍后重试。',
      showCancel: false,
    });
  }
}
