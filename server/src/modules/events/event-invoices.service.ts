import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Transactional } from '@nestjs-cls/transactional';
import {
  type InvoiceRequest,
  type InvoiceRequestPage,
  RegistrationError,
  type RegistrationInvoice,
} from '@itss/shared';
import { In, IsNull, Not, type Repository } from 'typeorm';
import { AppError } from '../../common/app-error';
import { pageById } from '../../common/keyset';
import { authorize } from '../../common/policy';
import { type RequestContext, type SignedInContext, isStaff } from '../../common/request-context';
import { now } from '../../common/time';
import { RetryOnConflict } from '../../database/conflicts';
import { lockRows } from '../../database/locks';
import { AuditService } from '../audit/audit.service';
import { FilesService } from '../files/files.service';
import { EventDeskPolicy } from './event-desk.policy';
import { EventEntity } from './event.entity';
import { invoiceOf } from './invoice-presenter';
import { RegistrationEntity } from './registration.entity';

/** What files call the registration that owns an issued invoice PDF. */
const FILE_OWNER = 'event_invoice';

/**
 * VAT invoices (发票) of paid seats, as dues receipts: the registration's owner asks with a title
 * (and tax number), staff upload the issued PDF with its number, the owner downloads it.
 */
@Injectable()
export class EventInvoices implements OnModuleInit {
  constructor(
    @InjectRepository(RegistrationEntity) private readonly registrations: Repository<RegistrationEntity>,
    @InjectRepository(EventEntity) private readonly events: Repository<EventEntity>,
    private readonly files: FilesService,
    private readonly audit: AuditService,
    private readonly policy: EventDeskPolicy,
  ) {}

  onModuleInit(): void {
    this.files.allowReaders(FILE_OWNER, async (actor, registrationId) => {
      if (isStaff(actor)) return true;
      const row = actor.user ? await this.registrations.findOneBy({ id: registrationId }) : null;
      return row !== null && row.userId === actor.user?.id;
    });
  }

  @RetryOnConflict()
  @Transactional()
  async request(
    ctx: SignedInContext,
    registrationId: number,
    wanted: InvoiceRequest,
  ): Promise<RegistrationInvoice> {
    await lockRows(this.registrations, [registrationId]);
    const row = await this.registrations.findOneBy({ id: registrationId });
    const isOwner = row?.userId === ctx.user.id;
    authorize(this.policy, ctx, 'readOwn', { isOwner }, { hide: true });
    if (!row) throw new AppError(RegistrationError.NotFound);
    authorize(this.policy, ctx, 'actOwn', { isOwner });
    if (row.invoiceRequestedAt) throw new AppError(RegistrationError.InvoiceAlreadyRequested);
    // A seat is paid once confirmed at a price: an awaiting or released one has nothing to invoice.
    if (row.state !== 'confirmed' || row.priceFen <= 0) throw new AppError(RegistrationError.InvoiceNotPaid);
    const at = now();
    await this.registrations.update(row.id, {
      invoiceTitle: wanted.title,
      invoiceTaxNumber: wanted.taxNumber ?? null,
      invoiceRequestedAt: at,
      updatedAt: at,
    });
    return this.invoice(row.id);
  }

  /** Staff's queue: registrations with an invoice asked for (or of one status), newest first. */
  async list(
    ctx: RequestContext,
    query: { status?: 'requested' | 'issued'; cursor?: string; limit: number },
  ): Promise<InvoiceRequestPage> {
    authorize(this.policy, ctx, 'issueInvoice', { isOwner: false });
    const where =
      query.status === 'issued'
        ? { invoiceIssuedAt: Not(IsNull()) }
        : query.status === 'requested'
          ? { invoiceRequestedAt: Not(IsNull()), invoiceIssuedAt: IsNull() }
          : { invoiceRequestedAt: Not(IsNull()) };
    const { page, nextCursor } = await pageById(this.registrations, where, query);
    const eventIds = [...new Set(page.map((row) => row.eventId))];
    const events = eventIds.length ? await this.events.findBy({ id: In(eventIds) }) : [];
    const titles = new Map(events.map((event) => [event.id, event.title]));
    return {
      items: page.flatMap((row) => {
        const invoice = invoiceOf(row);
        return invoice
          ? [
              {
                registrationId: row.id,
                eventId: row.eventId,
                eventTitle: titles.get(row.eventId) ?? '',
                name: row.name,
                unitName: row.unitName,
                priceFen: row.priceFen,
                invoice,
              },
            ]
          : [];
      }),
      nextCursor,
    };
  }

  /**
   * The issued PDF, uploaded by the staff member with `POST /api/files`, becomes the registration's.
   * The same file and number again is a success that records nothing; another once issued is refused.
   */
  @RetryOnConflict()
  @Transactional()
  async issue(
    ctx: SignedInContext,
    registrationId: number,
    input: { fileId: number; number: string },
  ): Promise<RegistrationInvoice> {
    authorize(this.policy, ctx, 'issueInvoice', { isOwner: false });
    await lockRows(this.registrations, [registrationId]);
    const row = await this.registrations.findOneBy({ id: registrationId });
    if (!row) throw new AppError(RegistrationError.NotFound);
    if (row.invoiceIssuedAt) {
      if (row.invoiceFileId === input.fileId && row.invoiceNumber === input.number)
        return this.invoice(row.id);
      throw new AppError(RegistrationError.InvoiceAlreadyIssued);
    }
    if (!row.invoiceRequestedAt) throw new AppError(RegistrationError.InvoiceNotRequested);
    const file = await this.files.record(input.fileId);
    if (
      !file ||
      file.contentType !== 'application/pdf' ||
      !(await this.files.claim(ctx, input.fileId, { type: FILE_OWNER, id: row.id }))
    ) {
      throw new AppError(RegistrationError.InvoiceFileUnusable);
    }
    const at = now();
    await this.registrations.update(row.id, {
      invoiceNumber: input.number,
      invoiceFileId: input.fileId,
      invoiceIssuedAt: at,
      updatedAt: at,
    });
    const event = await this.events.findOneBy({ id: row.eventId });
    await this.audit.record(ctx, {
      action: 'registration.invoice_issued',
      target: { type: 'registration', id: row.id },
      detail: `${event?.title ?? ''}，${row.name ?? ''}，抬头：${row.invoiceTitle ?? ''}，号码：${input.number}`,
    });
    return this.invoice(row.id);
  }

  private async invoice(registrationId: number): Promise<RegistrationInvoice> {
    const invoice = invoiceOf(await this.registrations.findOneByOrFail({ id: registrationId }));
    if (!invoice) throw new Error(`registration ${registrationId} has no invoice after writing one`);
    return invoice;
  }
}
