import Taro from '@tarojs/taro';
import {
  notificationTemplatesResponseSchema,
  subscriptionCreditsResponseSchema,
  type NotificationPurpose,
  type NotificationTemplatesResponse,
  type SubscriptionCreditsResponse,
} from '@itss/shared';
import { useCallback, useEffect, useRef, useState } from 'react';
import { request } from './http';

export function getNotificationTemplates(): Promise<NotificationTemplatesResponse> {
  return request({ path: '/api/notifications/templates', schema: notificationTemplatesResponseSchema });
}

export function recordSubscriptions(results: Record<string, string>): Promise<SubscriptionCreditsResponse> {
  return request({
    path: '/api/notifications/subscriptions',
    method: 'POST',
    data: { results },
    schema: subscriptionCreditsResponseSchema,
  });
}

const CHOICES = new Set(['accept', 'reject', 'ban', 'filter']);

/** What the person chose; 'unavailable' when nothing was asked (browser, no template, old WeChat). */
export type SubscribeOutcome = 'accepted' | 'declined' | 'unavailable';

export interface SubscribeMessages {
  /** A template is configured for one of the purposes and WeChat can be asked. */
  ready: boolean;
  /** Call first thing in a tap handler: WeChat shows its dialog only within the tap itself. */
  ask: () => Promise<SubscribeOutcome>;
}

/**
 * Permission for the templates of `purposes` only, loaded ahead: nothing may be awaited before
 * `ask`. Purposes may share a template (the stand-in has one for all): WeChat is asked once per id.
 * The browser has no such dialog; the message reaches 消息 either way.
 */
export function useSubscribeMessages(purposes: readonly NotificationPurpose[]): SubscribeMessages {
  const templateIdsRef = useRef<string[]>([]);
  const [ready, setReady] = useState(false);
  const wanted = purposes.join(',');
  useEffect(() => {
    if (process.env.TARO_ENV === 'h5') return;
    let current = true;
    const asked = new Set(wanted.split(','));
    getNotificationTemplates()
      .then(({ items }) => {
        if (!current) return;
        const ids = items.filter((item) => asked.has(item.purpose)).map((item) => item.templateId);
        templateIdsRef.current = [...new Set(ids)];
        setReady(templateIdsRef.current.length > 0);
      })
      .catch(() => {
        // Without templates the message still arrives in 消息.
      });
    return () => {
      current = false;
    };
  }, [wanted]);

  const ask = useCallback(async (): Promise<SubscribeOutcome> => {
    const ids = templateIdsRef.current;
    if (process.env.TARO_ENV === 'h5' || !ids.length) return 'unavailable';
    let asked: Promise<unknown>;
    try {
      asked = Promise.resolve(Taro.requestSubscribeMessage({ tmplIds: ids, entityIds: [] }));
    } catch {
      // An old WeChat without subscribe messages: the message is still delivered in 消息.
      return 'unavailable';
    }
    try {
      const answers = (await asked) as Record<string, unknown>;
      const results: Record<string, string> = {};
      for (const id of ids) {
        const choice = answers[id];
        if (typeof choice === 'string' && CHOICES.has(choice)) results[id] = choice;
      }
      if (Object.keys(results).length) await recordSubscriptions(results);
      return Object.values(results).includes('accept') ? 'accepted' : 'declined';
    } catch {
      // Declined, unsupported or not recorded: the message is still delivered in 消息.
      return 'declined';
    }
  }, []);

  return { ready, ask };
}
