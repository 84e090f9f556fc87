import { Injectable } from '@nestjs/common';
import { type AttendanceFacts, attendancePdf } from './attendance-design';
import { type CertificateFacts } from './certificate-design';
import { certificatePdf } from './certificate-pdf';
import { certificatePng } from './certificate-png';

/** Drawn files kept per process, by everything drawn on them: a few dozen at most. */
const MAX_ENTRIES = 64;

/**
 * The certificates' PDF and PNG, drawn once per certificate and content (name, level, number, link)
 * and kept in memory: members open and save the same certificate many times, and the image takes
 * a few hundred milliseconds to draw.
 */
@Injectable()
export class CertificateFiles {
  private readonly drawn = new Map<string, Promise<Buffer>>();

  pdf(facts: CertificateFacts): Promise<Buffer> {
    return this.cached('pdf', facts, certificatePdf);
  }

  png(facts: CertificateFacts): Promise<Buffer> {
    return this.cached('png', facts, certificatePng);
  }

  /** A training's certificate of attendance, which its attendee opens as often. */
  attendancePdf(facts: AttendanceFacts): Promise<Buffer> {
    return this.cached('attendance-pdf', facts, attendancePdf);
  }

  private cached<Facts>(
    kind: string,
    facts: Facts,
    draw: (facts: Facts) => Promise<Buffer>,
  ): Promise<Buffer> {
    const key = `${kind}\n${JSON.stringify(facts)}`;
    const known = this.drawn.get(key);
    if (known) {
      // Most recently used last: the oldest is the first to go.
      this.drawn.delete(key);
      this.drawn.set(key, known);
      return known;
    }
    const drawing = draw(facts);
    this.drawn.set(key, drawing);
    drawing.catch(() => this.drawn.delete(key));
    while (this.drawn.size > MAX_ENTRIES) this.drawn.delete(this.drawn.keys().next().value as string);
    return drawing;
  }
}
