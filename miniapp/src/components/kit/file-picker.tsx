import { Button } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import { toApiError, type ApiError } from '@/services/http';
import { pickFile, type FileKind, type PickedFile } from '@/services/upload';

export interface FileUploadHandlers<Result> {
  /** Sends the picked file (to POST /api/files or a feature's own upload route). */
  upload: (file: PickedFile) => Promise<Result>;
  onUploaded: (result: Result, file: PickedFile) => unknown;
  onError: (error: ApiError) => unknown;
}

/** Pick, then upload, with `busy` while the upload runs; a cancelled pick does nothing. */
export function useFileUpload<Result>(
  kind: FileKind,
  { upload, onUploaded, onError }: FileUploadHandlers<Result>,
): { busy: boolean; pick: () => Promise<void> } {
  const [busy, setBusy] = useState(false);
  const pick = async () => {
    const file = await pickFile(kind);
    if (!file) return;
    setBusy(true);
    try {
      await onUploaded(await upload(file), file);
    } catch (thrown) {
      await onError(toApiError(thrown));
    } finally {
      setBusy(false);
    }
  };
  return { busy, pick };
}

interface FilePickerProps<Result> extends FileUploadHandlers<Result> {
  kind: FileKind;
  className: string;
  size?: 'mini';
  /** Also off while something else on the form is busy. */
  disabled?: boolean;
  children: ReactNode;
}

/** A button that picks a file of a kind and uploads it, spinning until the upload is done. */
export function FilePicker<Result>({
  kind,
  className,
  size,
  disabled = false,
  children,
  ...handlers
}: FilePickerProps<Result>) {
  const { busy, pick } = useFileUpload(kind, handlers);
  return (
    <Button
      className={className}
      size={size}
      loading={busy}
      disabled={busy || disabled || undefined}
      onClick={() => void pick()}
    >
      {children}
    </Button>
  );
}
