import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { EVENT_KIND_NAMES, type EventDetail } from '@itss/shared';
import { useState } from 'react';
import { FormFailure, fieldErrorsOf, useRevealFirstError, type FieldErrors } from '@/components/kit/form';
import { useLeaveGuard } from '@/components/kit/use-leave-guard';
import { staffOnly } from '@/components/kit/staff-page';
import { Card, Section } from '@/components/section';
import { RequestView } from '@/components/state';
import { ROUTES, routeUrl } from '@/routes';
import { toApiError } from '@/services/http';
import { showModal } from '@/services/modal';
import { useRequest } from '@/services/useRequest';
import { createEvent, getEventForStaff, publishEvent, updateEvent } from '@/packages/events/api';
import {
  EVENT_LINKS,
  EVENT_PAGES,
  EventStateBadge,
  eventIdOf,
  openEventPage,
} from '@/packages/events/staff/components/parts';
import '@/packages/staff/components/articles.scss';
import { CancelPanel } from './cancel-panel';
import { FIELD_PATHS, checkDraft, draftOf, type Draft } from './draft';
import { EventFields } from './fields';
import './index.scss';

interface EditorProps {
  event: EventDetail | null;
  onChanged: () => Promise<unknown>;
}

function Editor({ event, onChanged }: EditorProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(event));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const revealFirstError = useRevealFirstError();
  useLeaveGuard(dirty, '活动还未保存，离开后刚填写的内容会丢失。');
  const state = event?.state ?? 'draft';
  const editable = state !== 'cancelled';

  const change = (part: Partial<Draft>) => {
    setDraft((previous) => ({ ...previous, ...part }));
    setDirty(true);
    // A field's message goes as soon as the field is changed.
    const fixed = (Object.keys(part) as (keyof Draft)[]).flatMap((key) => FIELD_PATHS[key] ?? []);
    const prefixes = (Object.keys(part) as (keyof Draft)[]).filter((key) => !FIELD_PATHS[key]);
    setErrors((previous) => {
      const rest = Object.fromEntries(
        Object.entries(previous).filter(
          ([path]) =>
            !fixed.includes(path) && !prefixes.some((key) => path === key || path.startsWith(`${key}.`)),
        ),
      );
      return Object.keys(rest).length === Object.keys(previous).length ? previous : rest;
    });
  };

  /** Validates and saves; resolves the event's id, or null when something is to be fixed first. */
  const save = async (): Promise<number | null> => {
    const checked = checkDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError('请按提示修改后再保存');
      revealFirstError();
      return null;
    }
    setErrors({});
    setError(null);
    if (event) {
      await updateEvent(event.id, checked.body);
      setDirty(false);
      return event.id;
    }
    const { id } = await createEvent(checked.body);
    setDirty(false);
    return id;
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (thrown) {
      const failure = toApiError(thrown);
      const byField = fieldErrorsOf(failure, 3);
      setErrors(byField);
      setError(failure.message);
      if (Object.keys(byField).length) revealFirstError();
    } finally {
      setBusy(false);
    }
  };

  const afterSave = async (id: number, toast: string) => {
    await Taro.showToast({ title: toast, icon: 'success' });
    if (event) await onChanged();
    else await Taro.redirectTo({ url: routeUrl(ROUTES.eventEdit, { id }) });
  };

  const saveOnly = () =>
    run(async () => {
      const id = await save();
      if (id !== null) await afterSave(id, '已保存');
    });

  const publish = async () => {
    // What would be refused is shown before anything is asked.
    const checked = checkDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      setError('请按提示修改后再发布');
      revealFirstError();
      return;
    }
    const { confirm } = await showModal({
      title: '发布活动',
      content: '发布后活动将出现在「活动」列表中，并按设置的时间开放报名。确定发布吗？',
      confirmText: '发布',
    });
    if (!confirm) return;
    await run(async () => {
      // Publishing sends the form as it stands: what was typed is what goes out.
      const id = await save();
      if (id === null) return;
      await publishEvent(id);
      await afterSave(id, '已发布');
    });
  };

  return (
    <View className="page staff-page event-edit">
      {event ? (
        <View className="event-edit__head">
          <View className="event-edit__state">
            <EventStateBadge state={event.state} />
            <Text className="event-edit__kind-name">{EVENT_KIND_NAMES[event.kind]}</Text>
          </View>
          {event.cancelReason ? (
            <Text className="event-edit__cancel-reason">取消原因：{event.cancelReason}</Text>
          ) : null}
          {state === 'draft' ? null : (
            <View className="event-links">
              {EVENT_LINKS.map((link) => (
                <Button
                  key={link.key}
                  className={`event-links__button event-edit__${link.key}`}
                  size="mini"
                  onClick={() => openEventPage(EVENT_PAGES[link.key], event.id)}
                >
                  {link.text}
                </Button>
              ))}
            </View>
          )}
        </View>
      ) : null}
      {editable ? (
        <>
          <EventFields draft={draft} errors={errors} onChange={change} />
          <FormFailure className="staff-form__error event-edit__error" message={error} />
          <View className="event-edit__actions">
            <Button
              className="staff-button event-edit__save"
              disabled={busy || undefined}
              loading={busy}
              onClick={() => void saveOnly()}
            >
              {state === 'draft' ? '保存草稿' : '保存修改'}
            </Button>
            {state === 'draft' ? (
              <Button
                className="event-edit__publish"
                disabled={busy || undefined}
                onClick={() => void publish()}
              >
                发布
              </Button>
            ) : null}
          </View>
        </>
      ) : (
        <Text className="staff-tip event-edit__locked">活动已取消，不能再编辑。</Text>
      )}
      {event && (state === 'published' || state === 'closed') ? (
        <Section title="取消活动" className="event-edit__danger">
          <Card>
            {cancelling ? (
              <CancelPanel eventId={event.id} onCancelled={onChanged} />
            ) : (
              <Button
                className="staff-button staff-button--danger event-edit__cancel"
                size="mini"
                onClick={() => setCancelling(true)}
              >
                取消活动…
              </Button>
            )}
          </Card>
        </Section>
      ) : null}
    </View>
  );
}

function ExistingEvent({ id }: { id: number }) {
  const { state, reload, refresh } = useRequest(() => getEventForStaff(id));
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {(event) => (
        // A fresh form after every save or state change: the server's copy is what stands.
        <Editor key={JSON.stringify(event)} event={event} onChanged={refresh} />
      )}
    </RequestView>
  );
}

function EventEditPage() {
  const { params } = useRouter();
  const id = eventIdOf(params);
  return id === null ? (
    <Editor event={null} onChanged={() => Promise.resolve()} />
  ) : (
    <ExistingEvent id={id} />
  );
}

export default staffOnly(EventEditPage);
