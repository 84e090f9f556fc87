import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { FilePicker } from './file-picker';
import { FormFailure, TextInput } from './form';
import type { PickedFile } from '@/services/upload';
import { formatBeijingTime } from '@/utils/format';
import './issued-document.scss';

export type DocumentStatus = 'requested' | 'issued';

/** What a member asked for (会费票据, 活动发票) and, once staff upload it, the issued document. */
export interface DocumentRequest {
  status: DocumentStatus;
  title: string;
  taxNumber: string | null;
  number: string | null;
  requestedAt: string;
  issuedAt: string | null;
}

export interface DocumentIssue {
  /** The contract's rule for the number (trimmed, its length). */
  numberSchema: z.ZodType<string>;
  /** Names the document: "先填写票据号码". */
  placeholder: string;
  /** The PDF to POST /api/files, then the record takes its id and the number. */
  upload: (file: PickedFile, number: string) => Promise<unknown>;
  onIssued: () => Promise<unknown>;
}

/** The document's number, then its PDF: picking the file sends both. */
function IssueForm({ numberSchema, placeholder, upload, onIssued }: DocumentIssue) {
  const [number, setNumber] = useState('');
  const [error, setError] = useState<string | null>(null);
  const checked = numberSchema.safeParse(number);

  return (
    <View className="document-issue">
      <TextInput
        className="document-issue__number"
        maxlength={40}
        placeholder={placeholder}
        value={number}
        onChange={(value) => {
          setError(null);
          setNumber(value);
        }}
      />
      <FilePicker<unknown>
        kind="pdf"
        className="document-issue__upload"
        size="mini"
        disabled={!checked.success}
        upload={(file: PickedFile) => upload(file, checked.success ? checked.data : number)}
        onUploaded={async () => {
          setNumber('');
          await Taro.showToast({ title: '已开具', icon: 'success' });
          await onIssued();
        }}
        onError={(failure) => setError(failure.message)}
      >
        上传 PDF 并开具
      </FilePicker>
      <FormFailure className="staff-form__error document-issue__error" message={error} />
    </View>
  );
}

/**
 * One request in a staff queue of documents to issue: who (opens their record), what it is for
 * (`children`), the title and tax number to copy into the invoicing system, the dates, and while
 * open the number and PDF upload.
 */
export function DocumentRequestRow({
  className,
  heading,
  onOpen,
  statusNames,
  request,
  issue,
  children,
}: {
  className: string;
  heading: string;
  onOpen: () => void;
  statusNames: Readonly<Record<DocumentStatus, string>>;
  request: DocumentRequest;
  issue: DocumentIssue;
  children: ReactNode;
}) {
  return (
    <View className={`queue-row document-row ${className}`}>
      <View className="queue-row__head" onClick={onOpen}>
        <Text className="queue-row__unit">{heading}</Text>
        <Text className={`document-status document-status--${request.status}`}>
          {statusNames[request.status]}
        </Text>
      </View>
      {children}
      <Text className="document-row__title" userSelect>
        抬头：{request.title}
        {request.taxNumber ? `（${request.taxNumber}）` : ''}
      </Text>
      <Text className="queue-row__meta">
        申请于 {formatBeijingTime(request.requestedAt)}
        {request.issuedAt
          ? ` · 开具于 ${formatBeijingTime(request.issuedAt)} · 号码 ${request.number ?? ''}`
          : ''}
      </Text>
      {request.status === 'requested' ? <IssueForm {...issue} /> : null}
    </View>
  );
}
