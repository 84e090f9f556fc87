/**
 * Quorum and majority rules of the three governance bodies (handbook, 会员构成).
 * Every threshold is inclusive ("以上（含）") and computed on integers: a/b >= p/q ⇔ a·q >= p·b,
 * so no fraction is ever rounded.
 */

export const GOVERNANCE_BODIES = ['committee', 'executive', 'presidents_office'] as const;
export type GovernanceBody = (typeof GOVERNANCE_BODIES)[number];

interface Fraction {
  numerator: number;
  denominator: number;
}

interface BodyRule {
  name: string;
  quorum: Fraction;
  majority: Fraction;
}

export const GOVERNANCE_RULES: Record<GovernanceBody, BodyRule> = {
  committee: {
    name: '委员会',
    quorum: { numerator: 2, denominator: 3 },
    majority: { numerator: 1, denominator: 2 },
  },
  executive: {
    name: '主任委员会',
    quorum: { numerator: 2, denominator: 3 },
    majority: { numerator: 2, denominator: 3 },
  },
  presidents_office: {
    name: '会长办公会',
    quorum: { numerator: 2, denominator: 3 },
    majority: { numerator: 2, denominator: 3 },
  },
};

function requireCount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}

function atLeast(part: number, whole: number, { numerator, denominator }: Fraction): boolean {
  return part * denominator >= numerator * whole;
}

/** Whether a meeting of `body` with `present` of its `members` may be held. */
export function canMeet(body: GovernanceBody, present: number, members: number): boolean {
  requireCount('present', present);
  requireCount('members', members);
  if (members === 0) throw new RangeError('a body without members cannot meet');
  if (present > members) throw new RangeError(`present (${present}) exceeds members (${members})`);
  return atLeast(present, members, GOVERNANCE_RULES[body].quorum);
}

/** Whether a resolution of `body` carried by `yes` of the `present` votes takes effect. */
export function passes(body: GovernanceBody, yes: number, present: number): boolean {
  requireCount('yes', yes);
  requireCount('present', present);
  if (present === 0) throw new RangeError('no resolution passes without anyone present');
  if (yes > present) throw new RangeError(`yes (${yes}) exceeds present (${present})`);
  return atLeast(yes, present, GOVERNANCE_RULES[body].majority);
}
