import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FileError, errorMessage } from '@itss/shared';
import { chooseMedia } from '@test/taro-mock';
import { apiErrorOf } from '@/services/http';
import type { PickedFile } from '@/services/upload';
import { FilePicker } from './file-picker';
import { PickerValue, SelectPicker } from './pickers';

beforeEach(() => {
  chooseMedia.mockReset();
});

test('a picker shows the chosen name, or its placeholder greyed', () => {
  const { rerender } = render(
    <PickerValue block="staff-form" className="staff-form__picker" text="" placeholder="请选择" />,
  );
  expect(screen.getByText('请选择').className).toContain('staff-form__value--empty');
  rerender(
    <SelectPicker
      className="level"
      options={['a', 'b']}
      nameOf={(value) => (value === 'a' ? '甲' : '乙')}
      value="b"
      onChange={() => undefined}
      block="apply-picker"
      placeholder="请选择"
    />,
  );
  expect(screen.getByText('乙').className).toBe('apply-picker__value');
});

test('the file picker picks a photo, uploads it and hands the result on; a cancel does nothing', async () => {
  chooseMedia.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ tempFilePath: 'wxfile://tmp/cover.jpg', size: 2048 }],
  });
  const upload = jest.fn((file: PickedFile) => Promise.resolve({ url: `/files/${file.name}` }));
  const onUploaded = jest.fn();
  const onError = jest.fn();
  render(
    <FilePicker kind="photo" className="cover" upload={upload} onUploaded={onUploaded} onError={onError}>
      上传封面
    </FilePicker>,
  );
  fireEvent.click(screen.getByText('上传封面'));
  await waitFor(() => expect(onUploaded).toHaveBeenCalled());
  expect(chooseMedia.mock.lastCall?.[0]).toMatchObject({
    sourceType: ['album', 'camera'],
    sizeType: ['compressed'],
  });
  expect(onUploaded).toHaveBeenCalledWith(
    { url: '/files/cover.jpg' },
    expect.objectContaining({ size: 2048 }),
  );
  chooseMedia.mockRejectedValueOnce(new Error('chooseMedia:fail cancel'));
  await act(() => {
    fireEvent.click(screen.getByText('上传封面'));
    return Promise.resolve();
  });
  expect(upload).toHaveBeenCalledTimes(1);
  expect(onError).not.toHaveBeenCalled();
});

test('a failed upload reaches onError as the contract’s error', async () => {
  chooseMedia.mockResolvedValueOnce({
    errMsg: 'ok',
    tempFiles: [{ tempFilePath: 'wxfile://tmp/a.jpg', size: 1 }],
  });
  const onError = jest.fn();
  render(
    <FilePicker
      kind="qrCode"
      className="code"
      upload={() => Promise.reject(apiErrorOf(FileError.FileTooLarge))}
      onUploaded={() => undefined}
      onError={onError}
    >
      上传
    </FilePicker>,
  );
  fireEvent.click(screen.getByText('上传'));
  await waitFor(() => expect(onError).toHaveBeenCalled());
  expect(onError).toHaveBeenCalledWith(
    expect.objectContaining({ message: errorMessage(FileError.FileTooLarge) }),
  );
  expect(chooseMedia.mock.lastCall?.[0]).toMatchObject({ sourceType: ['album'], sizeType: ['original'] });
});
