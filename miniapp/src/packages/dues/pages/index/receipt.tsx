import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { RECEIPT_STATUS_NAMES, receiptRequestSchema, type Bill, type BillReceipt } from '@itss/shared';
import { useState } from 'react';
import { StatusBadge } from '@/components/kit/badges';
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
import { ApiError } from '@/services/http';
import { downloadWithToken, releaseDownload, saveAs } from '@/services/download';
import { showModal } from '@/services/modal';
import { isH5 } from '@/services/session';
import { formatBeijingTime } from '@/utils/format';
import { receiptPath, requestReceipt } from '@/packages/dues/api';

/** WeChat's saved invoice titles (选择抬头): absent in a browser and where the account cannot use it. */
function canChooseTitle(): boolean {
  return !isH5() && Taro.canIUse('chooseInvoiceTitle');
}

type Title = { title: string; taxNumber: string };

/** A saved title, or null when the person closed the list. */
async function chooseTitle(): Promise<Title | null> {
  try {
    const chosen = await Taro.chooseInvoiceTitle();
    return { title: chosen.title, taxNumber: chosen.taxNumber ?? '' };
  } catch {
    return null;
  }
}

function ReceiptForm({
  bill,
  initial,
  onDone,
  onCancel,
}: {
  bill: Bill;
  initial: Title;
  onDone: () => void;
  onCancel: () => void;
}) {
  const [title, setTitle] = useState(initial.title);
  const [taxNumber, setTaxNumber] = useState(initial.taxNumber);
  const [errors, setErrors] = useState<FieldErrors>({});
  const task = useTask();

  const pickTitle = async () => {
    const chosen = await chooseTitle();
    if (!chosen) return;
    setTitle(chosen.title);
    setTaxNumber(chosen.taxNumber);
    setErrors({});
  };

  const submit = () => {
    const typedTaxNumber = taxNumber.trim().toUpperCase();
    const parsed = receiptRequestSchema.safeParse({
      title,
      ...(typedTaxNumber ? { taxNumber: typedTaxNumber } : {}),
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return;
    }
    setErrors({});
    void task.run(
      async () => {
        await requestReceipt(bill.id, parsed.data);
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
    <View className="dues-receipt-form">
      <Text className="dues-receipt-form__intro">
        会费票据（社会团体会费收据）按以下抬头开具，开具后可在此下载。
      </Text>
      {canChooseTitle() ? (
        <Text className="dues-receipt-form__choose" onClick={() => void pickTitle()}>
          从微信选择抬头
        </Text>
      ) : null}
      <FormField block="dues-field" label="票据抬头" error={errors.title}>
        <TextInput
          className="dues-field__input dues-field__input--title"
          value={title}
          onChange={setTitle}
          maxlength={100}
          placeholder="单位全称"
        />
      </FormField>
      <FormField
        block="dues-field"
        label="纳税人识别号"
        optional
        hint="统一社会信用代码，15–20 位"
        error={errors.taxNumber}
      >
        <TextInput
          className="dues-field__input dues-field__input--tax"
          value={taxNumber}
          onChange={setTaxNumber}
          maxlength={20}
          placeholder="选填"
        />
      </FormField>
      <FormFailure className="dues-receipt-form__failure" message={task.error} />
      <View className="dues-receipt-form__actions">
        <Button className="dues-receipt-form__cancel" disabled={task.busy || undefined} onClick={onCancel}>
          取消
        </Button>
        <BusyButton className="dues-receipt-form__submit" busy={task.busy} onClick={submit}>
          提交申请
        </BusyButton>
      </View>
    </View>
  );
}

/** The PDF, fetched with the token: WeChat's viewer (share or save from there), a file in a browser. */
async function downloadReceipt(bill: Bill, receipt: BillReceipt): Promise<void> {
  void Taro.showLoading({ title: '正在下载…', mask: true });
  let localPath: string | null = null;
  try {
    localPath = await downloadWithToken(receiptPath(bill.id));
    void Taro.hideLoading();
    if (isH5()) saveAs(localPath, `会费票据-${bill.year}-${receipt.number ?? bill.remittanceCode}.pdf`);
    else await Taro.openDocument({ filePath: localPath, fileType: 'pdf', showMenu: true });
  } catch (thrown) {
    void Taro.hideLoading();
    // openDocument fails with WeChat's errMsg, which is no message for a person.
    const message = thrown instanceof ApiError ? thrown.message : '无法打开会费票据，请稍后重试';
    await showModal({ title: '下载失败', content: message, showCancel: false });
  } finally {
    if (localPath) releaseDownload(localPath);
  }
}

function ReceiptLine({ label, value }: { label: string; value: string }) {
  return (
    <View className="dues-receipt__line">
      <Text className="dues-receipt__label">{label}</Text>
      <Text className="dues-receipt__value">{value}</Text>
    </View>
  );
}

/** A paid bill's 会费票据: asked for once with its title, then issued by staff and downloaded here. */
export function ReceiptPanel({ bill, onChanged }: { bill: Bill; onChanged: () => void }) {
  const [editing, setEditing] = useState<Title | null>(null);
  const { receipt } = bill;

  // On WeChat the person's saved titles come first; the unit's own name, the usual title, otherwise.
  const open = async () => {
    const chosen = canChooseTitle() ? await chooseTitle() : null;
    setEditing(chosen ?? { title: bill.unitName, taxNumber: '' });
  };

  if (!receipt)
    return (
      <View className="dues-receipt">
        <Text className="dues-receipt__title">会费票据</Text>
        {editing ? (
          <ReceiptForm
            bill={bill}
            initial={editing}
            onCancel={() => setEditing(null)}
            onDone={() => {
              setEditing(null);
              onChanged();
            }}
          />
        ) : (
          <Button className="dues-receipt__request" onClick={() => void open()}>
            申请会费票据
          </Button>
        )}
      </View>
    );

  return (
    <View className="dues-receipt">
      <View className="dues-receipt__head">
        <Text className="dues-receipt__title">会费票据</Text>
        <StatusBadge block="dues-receipt__status" state={receipt.status} names={RECEIPT_STATUS_NAMES} />
      </View>
      <ReceiptLine label="抬头" value={receipt.title} />
      {receipt.taxNumber ? <ReceiptLine label="纳税人识别号" value={receipt.taxNumber} /> : null}
      {receipt.status === 'issued' ? (
        <>
          {receipt.number ? <ReceiptLine label="票据号码" value={receipt.number} /> : null}
          {receipt.issuedAt ? (
            <ReceiptLine label="开具时间" value={formatBeijingTime(receipt.issuedAt)} />
          ) : null}
          <Button className="dues-receipt__download" onClick={() => void downloadReceipt(bill, receipt)}>
            下载票据
          </Button>
        </>
      ) : (
        <>
          <ReceiptLine label="申请时间" value={formatBeijingTime(receipt.requestedAt)} />
          <Text className="dues-receipt__hint">工作人员开具后会通知您，届时可在此下载票据。</Text>
        </>
      )}
    </View>
  );
}
