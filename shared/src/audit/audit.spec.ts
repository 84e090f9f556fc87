import { auditActionName, defineAuditActions } from '../index';

describe('audit actions declared by features', () => {
  it('names every action of the accounts features in Chinese', () => {
    for (const action of ['auth.login', 'auth.logout', 'user.phone_bound', 'role.granted', 'role.revoked']) {
      expect(auditActionName(action)).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('shows an action this build does not know as its code', () => {
    expect(auditActionName('unit.merged')).toBe('unit.merged');
  });

  it('refuses an action defined twice with two names', () => {
    expect(() => defineAuditActions({ 'auth.login': '签到' })).toThrow(/defined twice/);
  });
});
