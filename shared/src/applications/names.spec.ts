import { itssConformityName } from './index';

describe('the ITSS certificate as people read it', () => {
  it('names a level, and none held as 未持有 wherever it is shown', () => {
    expect(itssConformityName('2')).toBe('ITSS 二级');
    expect(itssConformityName(null)).toBe('未持有');
    expect(itssConformityName(undefined)).toBe('未持有');
    expect(itssConformityName('')).toBe('未持有');
  });
});
