import { DataSource } from 'typeorm';
import { PaymentEntity } from '../../src/modules/payments/payment.entity';
import type { AuthEnv } from '../support/auth-env';
import { deliver, notification, paidResource, startPayEnv } from './wechatpay';

describe('payments: WeChat Pay notifications that must change nothing', () => {
  let env: AuthEnv;
  beforeAll(async () => {
    env = await startPayEnv();
  });
  afterAll(() => env.close());

  const paymentCount = () => env.server.app.get(DataSource).getRepository(PaymentEntity).count();

  it.each([
    ['signed with another key', { otherSigningKey: true }],
    ['encrypted with another APIv3 key', { otherApiV3Key: true }],
    ['changed after it was signed', { tamper: true }],
    ['replayed after ten minutes', { ageSeconds: 600 }],
  ])('answers a notification %s 401 { code: FAIL } and records nothing', async (_name, forgery) => {
    const res = await deliver(
      env,
      notification('TRANSACTION.SUCCESS', paidResource('PUNKNOWN1', 100), forgery),
    );
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'FAIL' });
    expect(typeof (res.body as { message?: unknown }).message).toBe('string');
    expect(await paymentCount()).toBe(0);
  });

  it('answers 401 to a body without WeChat Pay signature headers', async () => {
    const { body } = notification('TRANSACTION.SUCCESS', paidResource('PUNKNOWN2', 100));
    const res = await deliver(env, { headers: {}, body });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'FAIL' });
  });

  it('accepts (200) a genuine notification of an order we never opened, and records nothing', async () => {
    const res = await deliver(env, notification('TRANSACTION.SUCCESS', paidResource('PNEVEROPENED', 100)));
    expect(res.status).toBe(200);
    expect(await paymentCount()).toBe(0);
  });

  it('accepts (200) a genuine refund notification of a refund we never asked for', async () => {
    const res = await deliver(
      env,
      notification('REFUND.SUCCESS', {
        mchid: '1900000109',
        out_trade_no: 'PNEVEROPENED',
        transaction_id: '4200000000',
        out_refund_no: 'RNEVERASKED',
        refund_id: '5030000000',
        refund_status: 'SUCCESS',
        success_time: '2026-12-07T18:00:00+08:00',
        amount: { total: 100, refund: 100, payer_total: 100, payer_refund: 100 },
      }),
    );
    expect(res.status).toBe(200);
  });
});
