import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  APPLICATION_STATE_MACHINE,
  ApplicationError,
  canTransition,
  type ApplicationBodyParsed,
  type ApplicationDraft,
  type Level,
} from '@itss/shared';
import { useCallback, useEffect, useMemo } from 'react';
import {
  DRAFT_STATUS_TEXT,
  type DraftSaveStatus,
  useDraftAutosave,
} from '@/components/kit/use-draft-autosave';
import { LoginRequired } from '@/components/login-required';
import { Card, Section } from '@/components/section';
import { EmptyState, Loading, RequestView } from '@/components/state';
import { getLevels, getObligations } from '@/packages/membership/api';
import { toApiError } from '@/services/http';
import {
  getApplication,
  getDraft,
  resubmitApplication,
  saveDraft,
  submitApplication,
  updateApplication,
} from '@/packages/join/api';
import { captureScene, sceneFromQuery, storedScene } from '@/services/scene';
import { useSession } from '@/services/session';
import { useSubscribeMessages } from '@/services/subscribe';
import { useRequest } from '@/services/useRequest';
import { ApplicationFormView } from '../../components/application-form';
import {
  draftOf,
  formFromApplication,
  formFromDraft,
  idempotencyKeyForSubmission,
  readLocalDraft,
  writeLocalDraft,
} from '../../form';
import './index.scss';
import { ROUTES, routeUrl } from '@/routes';

/** The review's decision is what an applicant waits for. */
// An approved applicant becomes a contact, to whom the branch's notices go.
const DECISION_PURPOSES = ['application_decision', 'notice'] as const;
const SAVE_STATUS_TEXT: Record<DraftSaveStatus, string> = {
  idle: '填写内容会自动保存为草稿，换手机登录也能继续',
  ...DRAFT_STATUS_TEXT,
};

interface FormData {
  levels: Level[];
  rules: string[];
}

function NewApplication({ draft, levels, rules }: FormData & { draft: ApplicationDraft | null }) {
  const initial = useMemo(() => formFromDraft(draft, storedScene(), readLocalDraft().licence), [draft]);
  const autosave = useDraftAutosave(saveDraft);
  const notifications = useSubscribeMessages(DECISION_PURPOSES);

  const submit = async (body: ApplicationBodyParsed) => {
    void notifications.ask();
    autosave.cancel();
    // The same key until the server has answered, so a retry after a lost answer finds the first.
    const key = idempotencyKeyForSubmission();
    try {
      const application = await submitApplication(body, key);
      writeLocalDraft({ idempotencyKey: null, licence: null });
      // The server keeps the draft (its campaign counts as started); emptied, the next form starts
      // blank instead of offering what was just submitted. A failure leaves that harmless copy.
      saveDraft({}).catch(() => undefined);
      await Taro.redirectTo({ url: routeUrl(ROUTES.application, { id: application.id }) });
    } catch (error) {
      if (toApiError(error).code === ApplicationError.IdempotencyKeyReused)
        writeLocalDraft({ idempotencyKey: null });
      throw error;
    }
  };

  return (
    <>
      <View className="apply-intro">
        <Text className="apply-intro__title">申请加入 ITSS 分会</Text>
        <Text className="apply-intro__desc">提交后由会员服务部审核，结果将通过「我的 → 消息」通知您。</Text>
        <Text className="apply-intro__status">{SAVE_STATUS_TEXT[autosave.status]}</Text>
      </View>
      <ApplicationFormView
        initial={initial}
        levels={levels}
        rules={rules}
        submitText="提交申请"
        onChange={(form) => autosave.schedule(draftOf(form))}
        onSubmit={submit}
      />
    </>
  );
}

function NewApplicationLoader() {
  const load = useCallback(
    () =>
      Promise.all([getDraft(), getLevels(), getObligations()]).then(([draft, levels, obligations]) => ({
        draft: draft.draft,
        levels: levels.items,
        rules: obligations.items.map((item) => item.text),
      })),
    [],
  );
  const { state, reload } = useRequest(load);
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {(data) => <NewApplication {...data} />}
    </RequestView>
  );
}

function EditApplication({ id }: { id: number }) {
  const load = useCallback(
    () =>
      Promise.all([getApplication(id), getLevels(), getObligations()]).then(
        ([application, levels, obligations]) => ({
          application,
          levels: levels.items,
          rules: obligations.items.map((item) => item.text),
        }),
      ),
    [id],
  );
  const { state, reload } = useRequest(load);
  const submit = async (body: ApplicationBodyParsed) => {
    await updateApplication(id, body);
    await resubmitApplication(id);
    await Taro.showToast({ title: '已重新提交', icon: 'success' });
    await Taro.navigateBack();
  };
  return (
    <RequestView state={state} onRetry={() => void reload()}>
      {({ application, levels, rules }) =>
        canTransition(APPLICATION_STATE_MACHINE, application.state, 'resubmitted') ? (
          <>
            {application.history.at(-1)?.note ? (
              <Section title="会员服务部请您补充" className="apply-reason">
                <Card>
                  <Text className="apply-reason__text">{application.history.at(-1)?.note}</Text>
                </Card>
              </Section>
            ) : null}
            <ApplicationFormView
              initial={formFromApplication(application)}
              levels={levels}
              rules={rules}
              submitText="保存并重新提交"
              onSubmit={submit}
            />
          </>
        ) : (
          <EmptyState text="该申请当前不需要修改" />
        )
      }
    </RequestView>
  );
}

export default function ApplyPage() {
  const { params } = useRouter();
  const session = useSession();
  const editId = Number(params.id);
  useEffect(() => {
    // Opened from a campaign's code while the app was already running: this page gets the scene.
    captureScene(sceneFromQuery(params));
  }, [params]);

  return (
    <View className="page apply">
      {session.status === 'loading' ? <Loading /> : null}
      {session.status === 'signedOut' ? <LoginRequired text="登录后即可在线填写入会申请" /> : null}
      {session.status === 'signedIn' ? (
        Number.isInteger(editId) && editId > 0 ? (
          <EditApplication id={editId} />
        ) : (
          <NewApplicationLoader />
        )
      ) : null}
    </View>
  );
}
