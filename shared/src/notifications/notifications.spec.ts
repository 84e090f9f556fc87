import {
  defineNotifications,
  messageSchema,
  notificationDeclaration,
  notificationPurposes,
  templateEnvKey,
} from '../index';

describe('notification purposes declared by features', () => {
  it('finds every feature’s purposes, in the order the features load, with their template fields', () => {
    expect(notificationPurposes()).toEqual([
      'application_decision',
      'join_request_decision',
      'colleague_joined',
      'join_request_received',
      'group_code_expiring',
      'submission_decision',
      'dues_reminder',
      'dues_paid',
      'dues_receipt_requested',
      'dues_receipt_issued',
      'notice',
      'level_request_decision',
      'unit_removed',
      'event_reminder',
      'event_seat_offered',
      'event_cancelled',
    ]);
    expect(notificationDeclaration('group_code_expiring')).toMatchObject({
      template: '群二维码到期提醒',
      fields: { expiresAt: { key: 'time2', label: '到期时间' } },
    });
    expect(templateEnvKey('group_code_expiring')).toBe('WECHAT_TEMPLATE_GROUP_CODE_EXPIRING');
  });

  it('refuses a purpose declared twice differently, or one that cannot name its configuration key', () => {
    const again = notificationDeclaration('application_decision');
    expect(defineNotifications({ application_decision: again })).toEqual({ application_decision: again });
    expect(() => defineNotifications({ application_decision: { ...again, template: '另一个模板' } })).toThrow(
      /declared twice/,
    );
    expect(() => defineNotifications({ 'Bad-Name': again })).toThrow(/snake_case/);
  });

  it('accepts only declared purposes in a message', () => {
    const message = {
      id: 1,
      purpose: 'submission_decision',
      title: '投稿已通过',
      body: '',
      page: null,
      createdAt: '2026-03-01T00:00:00.000Z',
      readAt: null,
    };
    expect(messageSchema.safeParse(message).success).toBe(true);
    expect(messageSchema.safeParse({ ...message, purpose: 'no_such_purpose' }).success).toBe(false);
  });
});
