import type { ApplicationState, ArticleCategory, ArticleState, LevelCode, UnitStatus } from '@itss/shared';
import { DataSource } from 'typeorm';
import { ApplicationEntity } from '../../src/modules/applications/application.entity';
import { CampaignEntity } from '../../src/modules/campaigns/campaign.entity';
import { ArticleEntity } from '../../src/modules/articles/article.entity';
import { BillEntity } from '../../src/modules/dues/bill.entity';
import { GroupRevealEntity, GroupTodoEntity } from '../../src/modules/groups/group.entity';
import { PaymentEntity } from '../../src/modules/payments/payment.entity';
import { UnitStatusChangeEntity } from '../../src/modules/units/unit-status-change.entity';
import { UnitEntity } from '../../src/modules/units/unit.entity';
import type { AuthEnv } from '../support/auth-env';
import { validCreditCode } from '../support/joining';

/**
 * Rows the dashboard counts, written straight into the tables with the dates a test needs (the API
 * stamps "now"), so each figure can be asserted to the unit.
 */
export function dashboardRows(env: AuthEnv) {
  const db = env.server.app.get(DataSource);
  let sequence = 0;
  const next = () => ++sequence;
  return {
    async unit(level: LevelCode, status: UnitStatus, joinedOn: string): Promise<number> {
      const saved = await db.getRepository(UnitEntity).save({
        name: `看板测试单位${next()}`,
        creditCode: validCreditCode(),
        unitType: 'enterprise',
        province: '北京市',
        city: '北京市',
        level,
        status,
        joinedOn,
        createdAt: new Date(`${joinedOn}T02:00:00Z`),
      });
      return saved.id;
    },
    async removal(unitId: number, at: string): Promise<void> {
      await db
        .getRepository(UnitStatusChangeEntity)
        .insert({ unitId, status: 'removed', reason: '欠缴会费', actorId: null, at: new Date(at) });
    },
    async campaign(name: string): Promise<number> {
      const saved = await db
        .getRepository(CampaignEntity)
        .save({ name, scene: `dash${next()}`, createdBy: null, createdAt: new Date() });
      return saved.id;
    },
    async application(
      campaignId: number | null,
      state: ApplicationState,
      submittedAt: string,
    ): Promise<void> {
      const n = next();
      await db.getRepository(ApplicationEntity).insert({
        applicantId: 900_000 + n,
        state,
        unitName: `看板申请单位${n}`,
        creditCode: validCreditCode(),
        openCreditCode: null,
        unitType: 'enterprise',
        province: '北京市',
        city: '北京市',
        address: '北京市海淀区中关村大街 1 号',
        legalRepresentative: '张三',
        contactName: '李四',
        contactTitle: '经理',
        contactMobile: '13800000000',
        contactEmail: 'a@example.com',
        level: 'member',
        annualFeeYuan: 3000,
        businessDescription: '信息技术服务',
        itssConformityLevel: null,
        licenceFileId: 1,
        rulesVersion: '2026-11',
        privacyVersion: '2026-11',
        campaignId,
        unitId: null,
        submittedAt: new Date(submittedAt),
        updatedAt: new Date(submittedAt),
      });
    },
    async article(
      category: ArticleCategory,
      state: ArticleState,
      publishedAt: string | null,
      readCount: number,
    ): Promise<void> {
      const at = publishedAt ? new Date(publishedAt) : new Date();
      await db.getRepository(ArticleEntity).insert({
        category,
        title: `看板文章${next()}`,
        summary: '摘要',
        body: '<p>正文</p>',
        visibility: 'public',
        state,
        pinned: false,
        coverFileId: null,
        attachmentFileIds: [],
        tags: [],
        unitId: null,
        submittedBy: null,
        contentFlagged: false,
        rejectReason: null,
        readCount,
        createdBy: 1,
        createdAt: at,
        updatedAt: at,
        publishedAt: publishedAt ? at : null,
        decidedAt: null,
      });
    },
    /** A bill of `amountFen` with `paidFen` paid by one bank transfer on `paidOn` (none when 0). */
    async bill(
      unitId: number,
      year: number,
      amountFen: number,
      paidFen: number,
      paidOn: string,
    ): Promise<void> {
      const status = paidFen >= amountFen ? 'paid' : paidFen > 0 ? 'partially_paid' : 'unpaid';
      const n = next();
      const saved = await db.getRepository(BillEntity).save({
        unitId,
        year,
        level: 'member',
        amountFen,
        paidFen,
        status,
        dueDate: `${year}-03-31`,
        remittanceCode: `D${String(n).padStart(7, '0')}`,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
      if (paidFen > 0) await this.payment(saved.id, paidFen, 'succeeded', paidOn);
    },
    async payment(billId: number, amountFen: number, status: 'succeeded' | 'pending', paidOn: string) {
      await db.getRepository(PaymentEntity).insert({
        subjectType: 'dues_bill',
        subjectId: billId,
        method: 'bank_transfer',
        status,
        amountFen,
        bankReference: `REF${next()}`,
        paidOn: status === 'succeeded' ? paidOn : null,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    },
    async reveal(unitId: number, firstShownAt: string): Promise<void> {
      const n = next();
      await db.getRepository(GroupRevealEntity).insert({
        groupId: 1,
        userId: 800_000 + n,
        unitId,
        name: '王五',
        unitName: '看板测试单位',
        nickname: `王五${n}`,
        firstShownAt: new Date(firstShownAt),
        lastShownAt: new Date(firstShownAt),
      });
    },
    async todo(doneAt: string | null): Promise<void> {
      const n = next();
      await db.getRepository(GroupTodoEntity).insert({
        kind: 'code_expiring',
        groupId: 1,
        openKey: doneAt ? null : `expiring:dash${n}`,
        createdAt: new Date('2026-01-01T00:00:00Z'),
        doneAt: doneAt ? new Date(doneAt) : null,
      });
    },
  };
}
