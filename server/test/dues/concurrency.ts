import type { ConcurrencyCase } from '../support/concurrency';
import { RECEIPT_CONCURRENCY } from './receipts-concurrency';

export const CONCURRENCY: ConcurrencyCase[] = [...RECEIPT_CONCURRENCY];
