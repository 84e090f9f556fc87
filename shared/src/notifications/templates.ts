// Layouts of WeChat templates that several features' purposes share: declared once, used by each
// feature's defineNotifications.

/**
 * WeChat's 审核结果通知 layout, which every decision on something a person sent uses: what was
 * decided (`subject`, named `label` in the template), the result, a note and when.
 */
export function reviewResultNotification<const S extends string>(name: string, subject: S, label: string) {
  const decided = { [subject]: { key: 'thing1', label } } as { [K in S]: { key: 'thing1'; label: string } };
  return {
    name,
    template: '审核结果通知',
    fields: {
      ...decided,
      result: { key: 'phrase2', label: '审核结果' },
      note: { key: 'thing3', label: '备注', whenEmpty: '无' },
      at: { key: 'time4', label: '审核时间' },
    },
  } as const;
}
