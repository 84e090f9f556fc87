import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Application, type ApplicationSummary, checkUscc, maskPhone } from '@itss/shared';
import { In, type Repository } from 'typeorm';
import { type RequestContext, isStaff } from '../../common/request-context';
import { CampaignsService } from '../campaigns/campaigns.service';
import { FilesService } from '../files/files.service';
import { UsersService } from '../users/users.service';
import { ApplicationEntity, ApplicationHistoryEntity } from './application.entity';

/**
 * What an application looks like to its reader: the applicant sees the department where staff
 * acted, staff see who; the credit code's checksum is for staff.
 */
@Injectable()
export class ApplicationPresenter {
  constructor(
    @InjectRepository(ApplicationHistoryEntity)
    private readonly history: Repository<ApplicationHistoryEntity>,
    private readonly files: FilesService,
    private readonly users: UsersService,
    private readonly campaigns: CampaignsService,
  ) {}

  async present(ctx: RequestContext, row: ApplicationEntity): Promise<Application> {
    const [application] = await this.presentMany(ctx, [row], true);
    if (!application) throw new Error(`application ${row.id} could not be presented`);
    return application;
  }

  async presentMany(
    ctx: RequestContext,
    rows: ApplicationEntity[],
    withHistory: boolean,
  ): Promise<Application[]> {
    const ids = rows.map((row) => row.id);
    const entries =
      withHistory && ids.length
        ? await this.history.find({ where: { applicationId: In(ids) }, order: { id: 'ASC' } })
        : [];
    const staffIds = [...new Set(entries.filter((e) => e.actorRole === 'staff').map((e) => e.actorId))];
    const viewerIsStaff = isStaff(ctx);
    const [licences, campaigns, staffPeople] = await Promise.all([
      this.files.describe(rows.map((row) => row.licenceFileId)),
      this.campaigns.describe(rows.flatMap((row) => (row.campaignId === null ? [] : [row.campaignId]))),
      viewerIsStaff ? this.users.findByIds(staffIds) : Promise.resolve([]),
    ]);
    const staffNames = new Map(staffPeople.map((person) => [person.id, person.displayName]));
    return rows.map((row) => {
      const licence = licences.get(row.licenceFileId);
      if (!licence) throw new Error(`application ${row.id} has no licence file ${row.licenceFileId}`);
      return {
        id: row.id,
        state: row.state,
        unitName: row.unitName,
        creditCode: row.creditCode,
        unitType: row.unitType,
        province: row.province,
        city: row.city,
        address: row.address,
        legalRepresentative: row.legalRepresentative,
        contact: {
          name: row.contactName,
          title: row.contactTitle,
          mobile: row.contactMobile,
          email: row.contactEmail,
        },
        level: row.level,
        annualFeeYuan: row.annualFeeYuan,
        businessDescription: row.businessDescription,
        itssConformityLevel: row.itssConformityLevel,
        licence,
        consents: { rulesVersion: row.rulesVersion, privacyVersion: row.privacyVersion },
        campaign: row.campaignId === null ? null : (campaigns.get(row.campaignId) ?? null),
        submittedAt: row.submittedAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
        history: entries
          .filter((entry) => entry.applicationId === row.id)
          .map((entry) => ({
            state: entry.state,
            at: entry.at.toISOString(),
            // Staff are named to staff; to the applicant they are the department.
            by:
              entry.actorRole === 'applicant'
                ? { role: 'applicant' as const, displayName: row.contactName }
                : { role: 'staff' as const, displayName: staffNames.get(entry.actorId) ?? '会员服务部' },
            note: entry.note,
          })),
        ...(viewerIsStaff && { creditCodeChecksumValid: checkUscc(row.creditCode) === 'valid' }),
        unit: row.unitId === null ? null : { id: row.unitId, name: row.unitName },
      };
    });
  }

  async summaries(ctx: RequestContext, rows: ApplicationEntity[]): Promise<ApplicationSummary[]> {
    const campaigns = await this.campaigns.describe(
      rows.flatMap((row) => (row.campaignId === null ? [] : [row.campaignId])),
    );
    const viewerIsStaff = isStaff(ctx);
    return rows.map((row) => ({
      id: row.id,
      state: row.state,
      unitName: row.unitName,
      level: row.level,
      contactName: row.contactName,
      contactMobileMasked: maskPhone(row.contactMobile),
      campaign: row.campaignId === null ? null : (campaigns.get(row.campaignId) ?? null),
      submittedAt: row.submittedAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
      ...(viewerIsStaff && { creditCodeChecksumValid: checkUscc(row.creditCode) === 'valid' }),
    }));
  }
}
