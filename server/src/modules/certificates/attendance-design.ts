import {
  ACCENT,
  BRANCH_NAME,
  GOLD,
  INK,
  type Layout,
  PAGE,
  type TextItem,
  centred,
  chineseDay,
  textWidth,
} from './certificate-design';
import { drawCertificatePdf } from './certificate-pdf';

/** What a training's certificate of attendance (培训证明) shows. */
export interface AttendanceFacts {
  name: string;
  /** The unit the attendee registered with; empty when none. */
  unitName: string;
  eventTitle: string;
  /** YYYY-MM-DD */
  attendedOn: string;
  hours: number;
  number: string;
  /** YYYY-MM-DD */
  issuedOn: string;
  verifyUrl: string;
}

/** The membership certificate's frame, font, colours and QR place; the words of an attendance. */
export function attendanceLayoutOf(facts: AttendanceFacts): Layout {
  const left = 96;
  const line = (text: string, baseline: number): TextItem => ({
    text,
    size: 13,
    x: left,
    baseline,
    color: INK,
  });
  const hours = `${facts.hours}`;
  return {
    texts: [
      centred('培训证明', 40, 132, ACCENT),
      centred('CERTIFICATE OF ATTENDANCE', 11, 156, GOLD),
      centred('兹证明', 16, 206),
      centred(facts.unitName ? `${facts.name}（${facts.unitName}）` : facts.name, 26, 250, INK, 620),
      centred(`于${chineseDay(facts.attendedOn)}参加`, 16, 290),
      centred(facts.eventTitle, 24, 334, ACCENT, 620),
      centred(`完成培训，共计 ${hours} 学时，特发此证。`, 14, 372),
      line(`证书编号：${facts.number}`, 446),
      line(`培训日期：${chineseDay(facts.attendedOn)}`, 468),
      line(`培训学时：${hours} 学时`, 490),
      line(`颁发日期：${chineseDay(facts.issuedOn)}`, 512),
      {
        text: BRANCH_NAME,
        size: 14,
        x: PAGE.width - 96 - 120 - 24 - textWidth(BRANCH_NAME, 14),
        baseline: 512,
        color: INK,
      },
      {
        text: '扫码验证',
        size: 10,
        x: PAGE.width - 96 - 60 - textWidth('扫码验证', 10) / 2,
        baseline: 530,
        color: INK,
      },
    ],
    qr: { x: PAGE.width - 96 - 120, y: 398, size: 120 },
  };
}

export function attendancePdf(facts: AttendanceFacts): Promise<Buffer> {
  return drawCertificatePdf(attendanceLayoutOf(facts), facts.verifyUrl, {
    title: '培训证明',
    subject: facts.name,
  });
}
