import { useState } from 'react';
import { toApiError, type ApiError } from '@/services/http';

export interface Task {
  busy: boolean;
  /** What went wrong last, shown by the form (FormFailure); cleared when the task runs again. */
  error: string | null;
  setError: (error: string | null) => void;
  /**
   * Runs the work with `busy` set; a failure becomes `error`, by default the server's message
   * (`describe` may pick a field's message instead, or handle it and answer null).
   */
  run: (
    work: () => Promise<unknown>,
    describe?: (error: ApiError) => string | null | Promise<string | null>,
  ) => Promise<void>;
}

/** The busy flag and the error line of a form's one action (创建, 保存, 提交). */
export function useTask(): Task {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run: Task['run'] = async (work, describe = (failure) => failure.message) => {
    setError(null);
    setBusy(true);
    try {
      await work();
    } catch (thrown) {
      setError(await describe(toApiError(thrown)));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
