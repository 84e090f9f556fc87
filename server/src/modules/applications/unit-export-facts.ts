import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type Repository } from 'typeorm';
import { type ExportedUnit, UnitExportFacts } from '../units/unit-export-facts';
import type { UnitFacts } from '../units/unit-sheet';
import { ApplicationEntity } from './application.entity';

const CHUNK = 500;

/**
 * The units export's address, legal representative and primary contact's email, from the
 * application that made each unit. The email and mobile are the applicant's: given only while the
 * applicant is still the primary contact.
 */
@Injectable()
export class ApplicationUnitFacts implements OnModuleInit {
  constructor(
    @InjectRepository(ApplicationEntity) private readonly applications: Repository<ApplicationEntity>,
    private readonly facts: UnitExportFacts,
  ) {}

  onModuleInit(): void {
    this.facts.contribute((units) => this.factsOf(units));
  }

  private async factsOf(units: readonly ExportedUnit[]): Promise<Map<number, UnitFacts>> {
    const primaryOf = new Map(units.map((unit) => [unit.id, unit.primaryUserId]));
    const out = new Map<number, UnitFacts>();
    for (let i = 0; i < units.length; i += CHUNK) {
      const ids = units.slice(i, i + CHUNK).map((unit) => unit.id);
      // Oldest first, so a unit that rejoined shows its latest application.
      const approved = await this.applications.find({
        where: { unitId: In(ids), state: 'approved' },
        order: { id: 'ASC' },
      });
      for (const application of approved) {
        if (application.unitId === null) continue;
        const stillPrimary = primaryOf.get(application.unitId) === application.applicantId;
        out.set(application.unitId, {
          address: application.address,
          legalRepresentative: application.legalRepresentative,
          primaryContactPhone: stillPrimary ? application.contactMobile : '',
          primaryContactEmail: stillPrimary ? application.contactEmail : '',
        });
      }
    }
    return out;
  }
}
