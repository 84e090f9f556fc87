import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { invoiceRequestSchema, type Registration } from '@itss/shared';
import { useState } from 'react';
import {
  BusyButton,
  FormFailure,
  FormField,
  TextInput,
  fieldErrors,
  fieldErrorsOf,
  type FieldErrors,
} from '@/components/kit/form';
import { useTask } from '@/components/kit/use-task';
import { Card, Section } from '@/components/section';
import { ApiError } from '@/services/http';
import { downloadWithToken, releaseDownload, saveAs } from '@/services/download';
import { showModal } from '@/services/modal';
import { isH5 } from '@/services/session';
import { formatBeijingTime } from '@/utils/format';
import { requestInvoice } from '@/packages/events/api';

type Title = { title: string; taxNumber: string };

/** WeChat's saved invoice titles (选择抬头): absent in a browser and where the account cannot use it. */
const canChooseTitle = (): boolean => !isH5() && Taro.canIUse('chooseInvoiceTitle');

async function chooseTitle(): Promise<Title | null> {
  try {
    const chosen = await Taro.chooseInvoiceTitle();
    return { title: chosen.title, taxNumber: chosen.taxNumber ?? '' };
  } catch {
    return null;
  }
}

function InvoiceForm({
  registration,
  initial,
  onDone,
}: {
  registration: Registration;
  initial: Title;
  onDone: () => void;
}) {
  const [title, setTitle] = useState(initial.title);
  const [taxNumber, setTaxNumber] = useState(initial.taxNumber);
  const [errors, setErrors] = useState<FieldErrors>({});
  const task = useTask();
  const submit = () => {
    const typed = taxNumber.trim().toUpperCase();
    const parsed = invoiceRequestSchema.safeParse({ title, ...(typed ? { taxNumber: typed } : {}) });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    void task.run(
      async () => {
        await requestInvoice(registration.id, parsed.data);
        void Taro.showToast({ title: '已提交申请', icon: 'success' });
        onDone();
      },
      (error) => {
        const byField = fieldErrorsOf(error);
        if (Object.keys(byField).length) {
          setErrors(byField);
          return null;
        }
        return error.message;
      },
    );
  };
  return (
    <View className="ticket-invoice__form">
      <FormField block="event-field" label="发票抬头" error={errors.title}>
        <TextInput
          className="event-field__input event-field__input--invoice-title"
          value={title}
          onChange={setTitle}
          maxlength={100}
          placeholder="单位全称或个人姓名"
        />
      </FormField>
      <FormField block="event-field" label="纳税人识别号" optional error={errors.taxNumber}>
        <TextInput
          className="event-field__input event-field__input--tax"
          value={taxNumber}
          onChange={setTaxNumber}
          maxlength={20}
          placeholder="单位开票请填写"
        />
      </FormField>
      <FormFailure className="ticket-invoice__failure" message={task.error} />
      <BusyButton className="ticket-invoice__submit" busy={task.busy} onClick={submit}>
        提交申请
      </BusyButton>
    </View>
  );
}

async function downloadInvoice(url: string, number: string | null): Promise<void> {
  void Taro.showLoading({ title: '正在下载…', mask: true });
  let localPath: string | null = null;
  try {
    localPath = await downloadWithToken(url);
    void Taro.hideLoading();
    if (isH5()) saveAs(localPath, `活动发票-${number ?? ''}.pdf`);
    else await Taro.openDocument({ filePath: localPath, fileType: 'pdf', showMenu: true });
  } catch (thrown) {
    void Taro.hideLoading();
    const message = thrown instanceof ApiError ? thrown.message : '无法打开发票，请稍后重试';
    await showModal({ title: '下载失败', content: message, showCancel: false });
  } finally {
    if (localPath) releaseDownload(localPath);
  }
}

/** 发票: a paid registration's VAT invoice, asked for once with its title, issued by staff, downloaded here. */
export function InvoicePanel({
  registration,
  onChanged,
}: {
  registration: Registration;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState<Title | null>(null);
  const { invoice } = registration;
  const issuedUrl = invoice?.status === 'issued' ? invoice.url : null;
  const open = async () => {
    const chosen = canChooseTitle() ? await chooseTitle() : null;
    setEditing(chosen ?? { title: registration.unitName ?? '', taxNumber: '' });
  };
  return (
    <Section title="发票">
      <Card className="ticket-invoice">
        {!invoice && editing ? (
          <InvoiceForm
            registration={registration}
            initial={editing}
            onDone={() => {
              setEditing(null);
              onChanged();
            }}
          />
        ) : null}
        {!invoice && !editing ? (
          <Button className="ticket-invoice__request" onClick={() => void open()}>
            申请开具发票
          </Button>
        ) : null}
        {invoice ? (
          <>
            <View className="ticket-line">
              <Text className="ticket-line__label">状态</Text>
              <Text className="ticket-line__value">{invoice.status === 'issued' ? '已开具' : '待开具'}</Text>
            </View>
            <View className="ticket-line">
              <Text className="ticket-line__label">抬头</Text>
              <Text className="ticket-line__value">{invoice.title}</Text>
            </View>
            {invoice.taxNumber ? (
              <View className="ticket-line">
                <Text className="ticket-line__label">纳税人识别号</Text>
                <Text className="ticket-line__value">{invoice.taxNumber}</Text>
              </View>
            ) : null}
            {issuedUrl ? (
              <Button
                className="ticket-invoice__download"
                onClick={() => void downloadInvoice(issuedUrl, invoice.number)}
              >
                下载发票
              </Button>
            ) : (
              <Text className="ticket-invoice__hint">
                {formatBeijingTime(invoice.requestedAt)} 已申请，开具后会通知您，届时可在此下载。
              </Text>
            )}
          </>
        ) : null}
      </Card>
    </Section>
  );
}
