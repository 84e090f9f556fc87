import Taro from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { getNotificationTemplates, recordSubscriptions } from '@/services/join';

const CHOICES = new Set(['accept', 'reject', 'ban', 'filter']);

/**
 * The template ids to ask for, loaded ahead: WeChat shows its subscribe dialog only when asked
 * within the tap itself, so nothing may be awaited before `ask`. The browser has no such dialog.
 */
export function useSubscribeMessages(): () => void {
  const templateIdsRef = useRef<string[]>([]);
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') return;
    getNotificationTemplates()
      .then(({ items }) => {
        templateIdsRef.current = items.map((item) => item.templateId);
      })
      .catch(() => {
        // Without templates the decision still arrives in 消息.
      });
  }, []);

  return () => {
    const ids = templateIdsRef.current;
    if (process.env.TARO_ENV === 'h5' || !ids.length) return;
    let asked: Promise<unknown>;
    try {
      asked = Promise.resolve(Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] }));
    } catch {
      // An old WeChat without subscribe messages: the decision is still delivered in 消息.
      return;
    }
    asked
      .then((answer) => {
        const answers = answer as Record<string, unknown>;
        const results: Record<string, string> = {};
        for (const id of ids) {
          const choice = answers[id];
          if (typeof choice === 'string' && CHOICES.has(choice)) results[id] = choice;
        }
        if (Object.keys(results).length) return recordSubscriptions(results);
        return undefined;
      })
      .catch(() => {
        // Declined or unsupported: the decision is still delivered in 消息.
      });
  };
}
