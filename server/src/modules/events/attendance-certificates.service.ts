import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  ATTENDANCE_REVOKED_TEXT,
  type AttendanceCertificate,
  CERTIFICATE_CODE_PATTERN,
  CERTIFICATE_STATUS_TEXTS,
  type CertificateVerification,
  RegistrationError,
  isTrainingKind,
} from '@itss/shared';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import type { SignedInContext } from '../../common/request-context';
import { beijingDate, now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import type { AttendanceFacts } from '../certificates/attendance-design';
import { CertificatesService, newCertificateCode } from '../certificates/certificates.service';
import { AttendanceCertificateEntity } from './attendance-certificate.entity';
import { AttendancePolicy } from './attendance.policy';
import { EventSessionEntity } from './event-session.entity';
import { EventEntity } from './event.entity';
import { RegistrationEntity } from './registration.entity';

/** A certificate with what it certifies. */
export interface IssuedAttendance {
  certificate: AttendanceCertificateEntity;
  facts: Omit<AttendanceFacts, 'verifyUrl'>;
}

interface Attended {
  registration: RegistrationEntity;
  event: EventEntity;
  session: EventSessionEntity;
}

/**
 * Certificates of attendance (培训证明): a checked-in attendee of a training asks for theirs, and
 * the first request issues it (its number from the registration, its code random in the membership
 * certificate's code space). The membership certificate's drawing and public verification serve it.
 */
@Injectable()
export class AttendanceCertificatesService implements OnModuleInit {
  constructor(
    @InjectRepository(AttendanceCertificateEntity)
    private readonly certificates: Repository<AttendanceCertificateEntity>,
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    @InjectRepository(EventSessionEntity) private readonly sessions: Repository<EventSessionEntity>,
    private readonly membership: CertificatesService,
    private readonly policy: AttendancePolicy,
  ) {}

  onModuleInit(): void {
    this.membership.verifiesAlso((code) => this.verify(code));
  }

  /**
   * The registration's certificate, for its owner and staff (anyone else: 404, as for the
   * registration itself); 409 unless it is a training's and its attendee was checked in. Two first
   * requests at once make one certificate: the second insert meets the unique key and its rerun
   * reads the first's row.
   */
  @RetryOnConflict()
  @Transactional()
  async issue(ctx: SignedInContext, registrationId: number): Promise<IssuedAttendance> {
    const registration = await this.registrations.findOneBy({ id: registrationId });
    const relation = { isOwner: registration?.userId === ctx.user.id, isRegistrant: false };
    if (!registration || !this.policy.can(ctx, 'read_certificate', relation)) {
      throw new AppError(RegistrationError.NotFound);
    }
    const attended = await this.attendedOf(registration);
    if (!attended || !holds(attended)) throw new AppError(RegistrationError.NoCertificate);
    let certificate = await this.certificates.findOneBy({ registrationId });
    if (!certificate) {
      const year = beijingDate(attended.session.startsAt).slice(0, 4);
      await this.certificates.insert({
        registrationId,
        number: `ITSS-PX-${year}-${String(registrationId).padStart(6, '0')}`,
        code: newCertificateCode(),
        issuedAt: now(),
      });
      certificate = await this.certificates.findOneByOrFail({ registrationId });
    }
    return { certificate, facts: factsOf(certificate, attended) };
  }

  present(issued: IssuedAttendance, verifyUrl: string): AttendanceCertificate {
    return {
      code: issued.certificate.code,
      number: issued.certificate.number,
      name: issued.facts.name,
      eventTitle: issued.facts.eventTitle,
      attendedOn: issued.facts.attendedOn,
      hours: issued.facts.hours,
      verifyUrl,
      issuedAt: issued.certificate.issuedAt.toISOString(),
    };
  }

  /**
   * The public check of a code this feature issued: who attended which training, when and for how
   * long, as printed; no longer valid once the registration was cancelled. Null for other codes.
   */
  private async verify(code: string): Promise<CertificateVerification | null> {
    if (!CERTIFICATE_CODE_PATTERN.test(code)) return null;
    const certificate = await this.certificates.findOneBy({ code });
    const registration = certificate
      ? await this.registrations.findOneBy({ id: certificate.registrationId })
      : null;
    const attended = registration ? await this.attendedOf(registration) : null;
    if (!certificate || !attended) return null;
    const facts = factsOf(certificate, attended);
    const valid = holds(attended);
    const year = Number(facts.attendedOn.slice(0, 4));
    return {
      kind: 'attendance',
      valid,
      unitName: facts.unitName,
      level: null,
      attendance: {
        name: facts.name,
        eventTitle: facts.eventTitle,
        attendedOn: facts.attendedOn,
        hours: facts.hours,
      },
      validThrough: `${year}-12-31`,
      status: valid ? 'valid' : 'removed',
      statusText: valid ? CERTIFICATE_STATUS_TEXTS.valid : ATTENDANCE_REVOKED_TEXT,
      number: certificate.number,
      year,
    };
  }

  private async attendedOf(registration: RegistrationEntity): Promise<Attended | null> {
    const [event, session] = await Promise.all([
      this.events.findOneBy({ id: registration.eventId }),
      this.sessions.findOneBy({ id: registration.sessionId }),
    ]);
    return event && session ? { registration, event, session } : null;
  }
}

/** A training's confirmed registration, checked in: what a certificate of attendance stands on. */
function holds({ registration, event }: Attended): boolean {
  return (
    isTrainingKind(event.kind) && registration.state === 'confirmed' && registration.checkedInAt !== null
  );
}

function factsOf(certificate: AttendanceCertificateEntity, { registration, event, session }: Attended) {
  return {
    name: registration.name ?? '',
    unitName: registration.unitName ?? '',
    eventTitle: event.title,
    attendedOn: beijingDate(session.startsAt),
    hours: event.hoursTenths / 10,
    number: certificate.number,
    issuedOn: beijingDate(certificate.issuedAt),
  };
}
