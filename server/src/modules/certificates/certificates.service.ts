import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  CERTIFICATE_CODE_PATTERN,
  CERTIFICATE_STATUS_TEXTS,
  type Certificate,
  CertificateError,
  type CertificateStatus,
  type CertificateVerification,
  ErrorCode,
  type LevelCode,
  type UnitStatus,
} from '@itss/shared';
import { DataSource, In, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { authorize } from '../../common/policy';
import type { SignedInContext } from '../../common/request-context';
import { beijingDate, now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { AuditService } from '../audit/audit.service';
import { currentYear } from '../dues/due-dates';
import { UnitsService } from '../units/units.service';
import { CertificateEntity } from './certificate.entity';
import { CertificatesPolicy } from './certificates.policy';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 20 characters of base32 from 13 random bytes (100 of their 104 bits). */
export function newCertificateCode(): string {
  const bytes = randomBytes(13);
  let bits = 0;
  let value = 0;
  let code = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && code.length < 20) {
      code += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return code;
}

/** What the certificate shows, with the unit's live standing. */
export interface IssuedCertificate {
  certificate: CertificateEntity;
  unitName: string;
  level: LevelCode;
}

/**
 * Another kind of certificate in the same code space (a training's certificate of attendance): its
 * owning feature answers for the codes it issued, null for any other.
 */
export type CertificateLookup = (code: string) => Promise<CertificateVerification | null>;

interface StandingRow {
  unitId: number;
  year: number;
  number: string;
  name: string;
  level: LevelCode;
  status: UnitStatus;
  billed: number | string;
  open: number | string;
}

@Injectable()
export class CertificatesService implements OnModuleInit {
  private readonly otherKinds: CertificateLookup[] = [];

  constructor(
    @InjectRepository(CertificateEntity) private readonly certificates: Repository<CertificateEntity>,
    private readonly units: UnitsService,
    private readonly audit: AuditService,
    private readonly policy: CertificatesPolicy,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.audit.nameTargets('certificate', (ids) => this.namesOf(ids));
  }

  /**
   * A feature issuing another kind of certificate with codes from `newCertificateCode` lets the one
   * public verification find them. Called from the owning module's initialisation.
   */
  verifiesAlso(lookup: CertificateLookup): void {
    this.otherKinds.push(lookup);
  }

  private async namesOf(ids: number[]): Promise<Map<number, string>> {
    const rows = ids.length ? await this.certificates.findBy({ id: In(ids) }) : [];
    return new Map(rows.map((row) => [row.id, row.number]));
  }

  /**
   * This year's certificate of the unit, issued on the first request: for its contacts and staff
   * (404 for anyone else), 409 while the unit is not active or this year's bills are not all paid
   * or waived. Two first requests at once make one certificate: the unique key refuses the second
   * insert, and its rerun reads the first's row.
   */
  @RetryOnConflict()
  @Transactional()
  async issue(ctx: SignedInContext, unitId: number): Promise<IssuedCertificate> {
    const isContact = await this.units.isContact(ctx.user.id, unitId);
    authorize(this.policy, ctx, 'read', { isContact }, { hide: true });
    const standing = await this.standingOfUnit(unitId);
    if (!standing) throw new AppError(ErrorCode.NotFound);
    if (standing.status !== 'active') throw new AppError(CertificateError.UnitInactive);
    if (!isSettled(standing)) throw new AppError(CertificateError.NotPaid);
    const year = standing.year;
    let certificate = await this.certificates.findOneBy({ unitId, year });
    if (!certificate) {
      const fresh = {
        unitId,
        year,
        number: `ITSS-${year}-${String(unitId).padStart(6, '0')}`,
        code: newCertificateCode(),
        issuedAt: now(),
      };
      await this.certificates.insert(fresh);
      await this.audit.record(ctx, {
        action: 'certificate.issued',
        target: { type: 'unit', id: unitId },
        detail: `${year} 年度电子会员证书 ${fresh.number}`,
      });
      certificate = await this.certificates.findOneByOrFail({ unitId, year });
    }
    return { certificate, unitName: standing.name, level: standing.level };
  }

  present(issued: IssuedCertificate, verifyUrl: string): Certificate {
    const { certificate } = issued;
    return {
      code: certificate.code,
      number: certificate.number,
      year: certificate.year,
      unitName: issued.unitName,
      level: issued.level,
      validThrough: `${certificate.year}-12-31`,
      verifyUrl,
      issuedAt: certificate.issuedAt.toISOString(),
    };
  }

  /**
   * Anyone's check of a code: the unit's live standing in one indexed read (the certificate by its
   * unique code, its unit by id, this year's bills by the unit-year key). A malformed or unknown
   * code is 404 and says nothing about any unit.
   */
  async verify(code: string): Promise<CertificateVerification> {
    if (!CERTIFICATE_CODE_PATTERN.test(code)) throw new AppError(CertificateError.NotFound);
    const thisYear = currentYear(new Date());
    const rows: StandingRow[] = await this.dataSource.query(
      `SELECT c.unit_id AS unitId, c.year AS year, c.number AS number, u.name AS name, u.level AS level,
         u.status AS status,
         (SELECT COUNT(*) FROM bills b WHERE b.unit_id = c.unit_id AND b.year = ? AND b.status <> 'void') AS billed,
         (SELECT COUNT(*) FROM bills b WHERE b.unit_id = c.unit_id AND b.year = ?
            AND b.status NOT IN ('paid', 'waived', 'void')) AS open
       FROM certificates c JOIN units u ON u.id = c.unit_id
       WHERE c.code = ?`,
      [thisYear, thisYear, code],
    );
    const row = rows[0];
    if (!row) return this.verifyOtherKinds(code);
    const status: CertificateStatus =
      row.status === 'removed'
        ? 'removed'
        : row.status === 'suspended'
          ? 'suspended'
          : Number(row.year) < thisYear
            ? 'expired'
            : isSettled(row)
              ? 'valid'
              : 'unpaid';
    return {
      kind: 'membership',
      valid: status === 'valid',
      unitName: row.name,
      attendance: null,
      level: row.level,
      validThrough: `${row.year}-12-31`,
      status,
      statusText: CERTIFICATE_STATUS_TEXTS[status],
      number: row.number,
      year: Number(row.year),
    };
  }

  private async verifyOtherKinds(code: string): Promise<CertificateVerification> {
    for (const lookup of this.otherKinds) {
      const found = await lookup(code);
      if (found) return found;
    }
    throw new AppError(CertificateError.NotFound);
  }

  /** The unit with the count of this year's bills and of those still open, in one read. */
  private async standingOfUnit(unitId: number): Promise<StandingRow | null> {
    const thisYear = currentYear(new Date());
    const rows: StandingRow[] = await this.dataSource.query(
      `SELECT u.id AS unitId, ? AS year, '' AS number, u.name AS name, u.level AS level, u.status AS status,
         (SELECT COUNT(*) FROM bills b WHERE b.unit_id = u.id AND b.year = ? AND b.status <> 'void') AS billed,
         (SELECT COUNT(*) FROM bills b WHERE b.unit_id = u.id AND b.year = ?
            AND b.status NOT IN ('paid', 'waived', 'void')) AS open
       FROM units u WHERE u.id = ?`,
      [thisYear, thisYear, thisYear, unitId],
    );
    const row = rows[0];
    return row ? { ...row, year: thisYear } : null;
  }
}

/** At least one bill this year (void ones aside), and every one of them paid or waived. */
function isSettled(row: StandingRow): boolean {
  return Number(row.billed) > 0 && Number(row.open) === 0;
}

/** The day a certificate was issued, YYYY-MM-DD Beijing, as printed on it. */
export function issuedOn(certificate: CertificateEntity): string {
  return beijingDate(certificate.issuedAt);
}
