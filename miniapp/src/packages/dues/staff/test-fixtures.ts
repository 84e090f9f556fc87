import type { Bill, BillDetail, Payment, StatementPreview } from '@itss/shared';

// Staff answers of the dues routes shaped like the contract's, for the staff pages' specs.
export const bill = (id: number, overrides: Partial<Bill> = {}): Bill => ({
  id,
  unitId: 100 + id,
  unitName: `北京数智运维科技有限公司${id}`,
  year: 2026,
  level: 'member',
  amountFen: 300000,
  paidFen: 0,
  status: 'unpaid',
  dueDate: '2026-03-31',
  overdue: false,
  remittanceCode: 'K7QWM3P',
  receipt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  ...overrides,
});

export const payment = (id: number, overrides: Partial<Payment> = {}): Payment => ({
  id,
  method: 'bank_transfer',
  status: 'succeeded',
  amountFen: 100000,
  refundedFen: 0,
  paidOn: '2026-02-10',
  bankReference: `BR2026021000${id}`,
  payerName: '北京数智运维科技有限公司',
  transactionId: null,
  createdAt: '2026-02-10T03:00:00.000Z',
  refunds: [],
  ...overrides,
});

export const billDetail = (overrides: Partial<BillDetail> = {}): BillDetail => ({
  ...bill(9),
  reason: null,
  payments: [],
  history: [
    {
      at: '2026-01-01T00:00:00.000Z',
      action: 'bills.opened_year',
      actionName: '生成年度会费账单',
      actorName: '吴员工',
      detail: '2026 年度',
    },
  ],
  ...overrides,
});

export const statement: StatementPreview = {
  id: 31,
  status: 'preview',
  fileName: '工行流水202602.xlsx',
  createdAt: '2026-02-13T02:00:00.000Z',
  confirmedAt: null,
  matched: [
    {
      line: 2,
      billId: 1,
      unitName: '北京数智运维科技有限公司1',
      year: 2026,
      amountFen: 300000,
      remittanceCode: 'K7QWM3P',
      paidOn: '2026-02-10',
      payerName: '北京数智运维科技有限公司1',
      bankReference: 'BR001',
      warning: null,
      paymentId: null,
    },
    {
      line: 3,
      billId: 2,
      unitName: '上海云服科技有限公司',
      year: 2026,
      amountFen: 1000000,
      remittanceCode: 'H4TN8RJ',
      paidOn: '2026-02-11',
      payerName: '上海某某贸易有限公司',
      bankReference: 'BR002',
      warning: '付款户名与单位名称不一致',
      paymentId: null,
    },
  ],
  unmatched: [
    {
      line: 4,
      reason: '附言中没有汇款识别码',
      paidOn: '2026-02-12',
      amountFen: 300000,
      payerName: '广州某某科技有限公司',
      memo: '会费',
      bankReference: 'BR003',
      assignedBillId: null,
      assignable: true,
    },
  ],
};
