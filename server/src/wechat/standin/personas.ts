/**
 * The demo people of the local WeChat stand-in. Fixed openids and phones so that development data,
 * the seed (which gives the staff persona its roles) and browser tests can name them.
 */
export const STANDIN_PERSONAS = [
  {
    key: 'visitor',
    label: '访客',
    displayName: '赵晓访',
    openid: 'o_demo_visitor',
    unionid: 'u_demo_visitor',
    phone: '13800000001',
  },
  {
    key: 'applicant',
    label: '申请人',
    displayName: '钱申科',
    openid: 'o_demo_applicant',
    unionid: 'u_demo_applicant',
    phone: '13800000002',
  },
  {
    key: 'member_contact',
    label: '会员联系人',
    displayName: '孙联络',
    openid: 'o_demo_member_contact',
    unionid: 'u_demo_member_contact',
    phone: '13800000003',
  },
  {
    key: 'primary_contact',
    label: '主联系人',
    displayName: '李主联',
    openid: 'o_demo_primary_contact',
    unionid: 'u_demo_primary_contact',
    phone: '13800000004',
  },
  {
    key: 'staff',
    label: '工作人员',
    displayName: '周会服',
    openid: 'o_demo_staff',
    unionid: 'u_demo_staff',
    phone: '13800000005',
  },
] as const;

export type StandinPersona = (typeof STANDIN_PERSONAS)[number];
export type StandinPersonaKey = StandinPersona['key'];

export const STANDIN_PERSONA_KEYS = STANDIN_PERSONAS.map((p) => p.key) as [
  StandinPersonaKey,
  ...StandinPersonaKey[],
];

export function standinPersona(key: StandinPersonaKey): StandinPersona {
  const persona = STANDIN_PERSONAS.find((p) => p.key === key);
  if (!persona) throw new Error(`unknown stand-in persona ${key}`);
  return persona;
}
