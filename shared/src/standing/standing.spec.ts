import {
  levelChangeDirection,
  levelRequestDecisionSchema,
  nextLevel,
  previousLevel,
  unitRemovalRequestSchema,
  upgradeDifferenceFen,
} from '../index';

describe('standing: level steps, the upgrade difference and the requests’ shapes', () => {
  it('moves one step at a time, member → committee → vice_president → president', () => {
    expect([nextLevel('member'), nextLevel('vice_president'), nextLevel('president')]).toEqual([
      'committee',
      'president',
      null,
    ]);
    expect([previousLevel('member'), previousLevel('president')]).toEqual([null, 'vice_president']);
    expect(levelChangeDirection('member', 'committee')).toBe('upgrade');
    expect(levelChangeDirection('committee', 'member')).toBe('downgrade');
    expect(levelChangeDirection('member', 'vice_president')).toBeNull();
    expect(levelChangeDirection('member', 'member')).toBeNull();
  });

  it('bills the fee difference × months left counting this one ÷ 12, rounded to the yuan', () => {
    // 会员 3,000 → 委员 10,000 元: the whole 7,000 in January, one twelfth (583.33 → 583) in December.
    expect(upgradeDifferenceFen(300_000, 1_000_000, 1)).toBe(700_000);
    expect(upgradeDifferenceFen(300_000, 1_000_000, 12)).toBe(58_300);
    expect(upgradeDifferenceFen(300_000, 1_000_000, 7)).toBe(350_000);
    // 委员 → 副会长 in May: 20,000 × 8 / 12 = 13,333.33 → 13,333 元.
    expect(upgradeDifferenceFen(1_000_000, 3_000_000, 5)).toBe(1_333_300);
    // 副会长 → 会长 cost the same: nothing to bill, and never a negative bill.
    expect(upgradeDifferenceFen(3_000_000, 3_000_000, 3)).toBe(0);
    expect(upgradeDifferenceFen(3_000_000, 1_000_000, 3)).toBe(0);
  });

  it('needs a reason to reject and names the missing fields of a removal', () => {
    expect(levelRequestDecisionSchema.safeParse({ decision: 'approve' }).success).toBe(true);
    const reject = levelRequestDecisionSchema.safeParse({ decision: 'reject', reason: '  ' });
    expect(reject.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['reason']);
    const removal = unitRemovalRequestSchema.safeParse({ ground: 'breach', reason: '严重违反分会规定' });
    expect(removal.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['body', '请选择作出决定的机构（主任委员会或会长办公会）'],
      ['decidedOn', '请填写决定日期'],
    ]);
    expect(
      unitRemovalRequestSchema.safeParse({
        ground: 'unpaid_two_years',
        body: '会长办公会',
        decidedOn: '2026-12-01',
        reason: '连续两个年度未交纳会费',
      }).success,
    ).toBe(true);
  });
});
