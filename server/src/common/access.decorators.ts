import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'itss:public';
export const IS_STAFF_ONLY = 'itss:staff-only';

/**
 * The coarse gate, checked by the global AuthGuard before validation and the handler: every route
 * needs a session unless marked @Public(); @StaffOnly() also needs the staff or admin role. Which
 * object a person may touch is the feature's policy, checked first in its service.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export const StaffOnly = (): MethodDecorator & ClassDecorator => SetMetadata(IS_STAFF_ONLY, true);
