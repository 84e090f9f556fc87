import { Accounts1795481711603 } from './1795481711603-Accounts';
import { AuditAppendOnly1795485317699 } from './1795485317699-AuditAppendOnly';
import { Init1795480886098 } from './1795480886098-Init';

/** Applied in this order; a new migration is appended, never inserted. */
export const SQLITE_MIGRATIONS = [Init1795480886098, Accounts1795481711603, AuditAppendOnly1795485317699];
