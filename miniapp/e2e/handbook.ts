import { readFileSync } from 'node:fs';
import path from 'node:path';

// The expected texts come from the handbook itself, so the tests prove the app shows it verbatim.
const handbook = readFileSync(path.resolve(__dirname, '..', '..', 'docs', 'itss-member-handbook.md'), 'utf8');

function section(start: string, end: string): string {
  const from = handbook.indexOf(start);
  const to = handbook.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`handbook section ${start} not found`);
  return handbook.slice(from + start.length, to);
}

export const INTRODUCTION: string[] = section(
  '## 中国电子工业标准化技术协会信息技术服务分会介绍',
  '### 主要业务范围',
)
  .split('\n')
  .map((line) => line.trim())
  .filter(Boolean);

const contact = section('## 联系方式', '微信群');

export const PHONES: string[] = contact.match(/0\d{2,3}-\d{7,8}/g) ?? [];
export const EMAIL: string = contact.match(/[\w.-]+@[\w.-]+\.[a-z]+/)?.[0] ?? '';
export const QQ_GROUP: string = contact.match(/QQ群号\s+(\d+)/)?.[1] ?? '';
