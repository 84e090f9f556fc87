import { fireEvent, render, screen } from '@testing-library/react';
import { campaign, summary } from '@test/review-fixtures';
import { navigateTo } from '@test/taro-mock';
import { ApplicationRow, FilterBar, QUEUE_TABS } from './queue';

test('a row shows unit, level, contact with the masked phone, campaign, Beijing time and state, and opens the application', () => {
  render(<ApplicationRow item={summary(7, { state: 'resubmitted' })} />);
  expect(screen.getByText('北京数智运维科技有限公司7')).toBeTruthy();
  expect(screen.getByText('委员单位')).toBeTruthy();
  expect(screen.getByText(/钱联络 · 139\*\*\*\*0002/)).toBeTruthy();
  expect(screen.getByText(/推广码：2026 会议周展位 · 提交于\s*2026-03-05 14:07/)).toBeTruthy();
  expect(screen.getByText('已重新提交')).toBeTruthy();
  expect(screen.queryByText('校验位不符')).toBeNull();
  fireEvent.click(screen.getByText('北京数智运维科技有限公司7'));
  expect(navigateTo).toHaveBeenCalledWith({ url: '/packages/join/staff/application/index?id=7' });
});

test('a credit code failing its checksum is flagged on the row; one without a campaign says so', () => {
  render(<ApplicationRow item={summary(8, { creditCodeChecksumValid: false, campaign: null })} />);
  expect(screen.getByText('校验位不符')).toBeTruthy();
  expect(screen.getByText(/未通过推广码/)).toBeTruthy();
});

test('the tabs put everything waiting for staff first and mark the chosen one; a tap asks for that state', () => {
  const onChange = jest.fn();
  render(<FilterBar filters={{ state: 'awaiting_staff' }} campaigns={[]} onChange={onChange} />);
  expect(QUEUE_TABS[0]).toBe('awaiting_staff');
  expect(QUEUE_TABS).not.toContain('submitted');
  expect(QUEUE_TABS).not.toContain('resubmitted');
  const active = document.querySelector('.queue-tabs__tab--active');
  expect(active?.textContent).toBe('待审核');
  fireEvent.click(screen.getByText('待补充材料'));
  expect(onChange).toHaveBeenLastCalledWith({ state: 'needs_info' });
  fireEvent.click(screen.getByText('全部'));
  expect(onChange).toHaveBeenLastCalledWith({ state: undefined });
});

test('the campaign picker lists every campaign after 全部推广码 and filters by the picked one', () => {
  const onChange = jest.fn();
  const campaigns = [campaign(3, '2026 会议周展位'), campaign(4, '会员转发')];
  const { rerender } = render(
    <FilterBar filters={{ state: 'awaiting_staff' }} campaigns={campaigns} onChange={onChange} />,
  );
  expect(screen.getByText('全部推广码')).toBeTruthy();
  const picker = document.querySelector('taro-picker-core');
  if (!picker) throw new Error('no picker');
  fireEvent(picker, new CustomEvent('change', { detail: { value: 2 }, bubbles: true }));
  expect(onChange).toHaveBeenLastCalledWith({ state: 'awaiting_staff', campaignId: 4 });
  rerender(
    <FilterBar
      filters={{ state: 'awaiting_staff', campaignId: 4 }}
      campaigns={campaigns}
      onChange={onChange}
    />,
  );
  expect(screen.getByText('会员转发')).toBeTruthy();
  fireEvent(picker, new CustomEvent('change', { detail: { value: 0 }, bubbles: true }));
  expect(onChange).toHaveBeenLastCalledWith({ state: 'awaiting_staff', campaignId: undefined });
});
