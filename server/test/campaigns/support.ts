import { type Campaign, campaignSchema } from '@itss/shared';
import { type AuthEnv, bearer, login, postJson, withRoles } from '../support/auth-env';

let sequence = 0;

/** A campaign made by a staff member through the API, as 会员服务部 would make one. */
export async function createCampaign(env: AuthEnv, name = '2026 会议周展台'): Promise<Campaign> {
  const openid = `o_campaign_staff_${sequence++}`;
  await withRoles(env, openid, ['staff']);
  const { token } = await login(env, openid);
  const res = await postJson(env, '/api/campaigns', { name }, bearer(token));
  if (res.status !== 201) throw new Error(`create campaign: ${res.status} ${JSON.stringify(res.body)}`);
  return campaignSchema.parse(res.body);
}
