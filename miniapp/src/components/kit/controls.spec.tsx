import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { typeInto } from '@test/forms';
import { pageScrollTo } from '@test/taro-mock';
import { CountBadge, StatusBadge } from './badges';
import { FIELD_ERROR_CLASS, FormField, fieldErrors, useRevealFirstError } from './form';
import { SearchBar } from './search-bar';
import { Tabs, tabsOf } from './tabs';

test('the search bar searches with the trimmed text on 搜索', async () => {
  const onSearch = jest.fn();
  render(<SearchBar block="news-search" placeholder="搜索" maxlength={40} onSearch={onSearch} />);
  await typeInto('.news-search__input', '  标准  ');
  fireEvent.click(screen.getByText('搜索'));
  expect(onSearch).toHaveBeenCalledWith('标准');
});

test('tabs mark the active value; 全部 is no filter', () => {
  const onChange = jest.fn();
  const names = { a: '甲', b: '乙' } as const;
  render(
    <Tabs block="news-tabs" tabs={tabsOf(['a', 'b'] as const, names)} value="b" onChange={onChange} scroll />,
  );
  expect(document.querySelector('.news-tabs__tab--active')?.textContent).toBe('乙');
  fireEvent.click(screen.getByText('全部'));
  expect(onChange).toHaveBeenCalledWith(undefined);
  fireEvent.click(screen.getByText('甲'));
  expect(onChange).toHaveBeenLastCalledWith('a');
});

test('a field shows its hint until it has an error, then the error', () => {
  const { rerender } = render(
    <FormField block="apply-field" label="姓名" optional hint="真实姓名">
      <input />
    </FormField>,
  );
  expect(screen.getByText('（选填）')).toBeTruthy();
  expect(screen.getByText('真实姓名')).toBeTruthy();
  rerender(
    <FormField block="apply-field" label="姓名" hint="真实姓名" error="请填写姓名">
      <input />
    </FormField>,
  );
  expect(screen.queryByText('真实姓名')).toBeNull();
  expect(screen.getByRole('alert').textContent).toBe('请填写姓名');
  expect(document.querySelector('.apply-field--error')).not.toBeNull();
});

test('a warning shows beside the field without marking it as an error; an error takes its place', () => {
  const { rerender } = render(
    <FormField block="apply-field" hint="18 位" warning="校验位不符">
      <input />
    </FormField>,
  );
  expect(screen.getByText('校验位不符').className).toBe('apply-field__warning');
  expect(screen.queryByText('18 位')).toBeNull();
  expect(screen.queryByRole('alert')).toBeNull();
  expect(document.querySelector(`.${FIELD_ERROR_CLASS}`)).toBeNull();
  rerender(
    <FormField block="apply-field" warning="校验位不符" error="请填写统一社会信用代码">
      <input />
    </FormField>,
  );
  expect(screen.queryByText('校验位不符')).toBeNull();
  expect(screen.getByRole('alert').textContent).toBe('请填写统一社会信用代码');
});

function RevealingForm() {
  const [error, setError] = useState<string | undefined>();
  const reveal = useRevealFirstError();
  return (
    <>
      <FormField block="staff-form" className="staff-form__field" error={error}>
        <input />
      </FormField>
      <button
        onClick={() => {
          setError('请填写名称');
          reveal();
        }}
      >
        提交
      </button>
    </>
  );
}

test('a failed submission scrolls the first field with an error into view, once it is drawn', async () => {
  render(<RevealingForm />);
  expect(pageScrollTo).not.toHaveBeenCalled();
  act(() => {
    fireEvent.click(screen.getByText('提交'));
  });
  await waitFor(() =>
    expect(pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: `.${FIELD_ERROR_CLASS}` })),
  );
  // Every form's fields carry the marker, whatever their own block.
  expect(document.querySelector(`.staff-form__field--error.${FIELD_ERROR_CLASS}`)).not.toBeNull();
});

test('schema issues become the first message per field, at the depth the form names fields', () => {
  const issues = [
    { path: ['contact', 'mobile'], message: '手机号格式不正确' },
    { path: ['contact', 'mobile'], message: '第二条' },
    { path: ['name'], message: '请填写名称' },
  ];
  expect(fieldErrors(issues)).toEqual({ contact: '手机号格式不正确', name: '请填写名称' });
  expect(fieldErrors(issues, 2)).toEqual({ 'contact.mobile': '手机号格式不正确', name: '请填写名称' });
});

test('counts cap at 99+, zero shows the note or nothing; a state shows its contract name', () => {
  const { rerender } = render(<CountBadge count={120} label="份待审核" className="badge" />);
  expect(screen.getByLabelText('120 份待审核').textContent).toBe('99+');
  rerender(<CountBadge count={0} className="badge" none="暂无待审核" noneClassName="note" />);
  expect(screen.getByText('暂无待审核').className).toBe('note');
  rerender(<StatusBadge block="app-state" state="needs_info" names={{ needs_info: '待补充' }} />);
  expect(screen.getByText('待补充').className).toBe('app-state app-state--needs_info');
});
