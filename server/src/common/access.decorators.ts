import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'itss:public';
export const IS_STAFF_ONLY = 'itss:staff-only';
export const IS_SESSION_OPTIONAL = 'itss:session-optional';

/**
 * The coarse gate, checked by the global AuthGuard before validation and the handler: every route
 * needs a session unless marked @Public(); @StaffOnly() also needs the staff or admin role. Which
 * object a person may touch is the feature's policy, checked first in its service.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

export const StaffOnly = (): MethodDecorator & ClassDecorator => SetMetadata(IS_STAFF_ONLY, true);

/**
 * Open to everyone like @Public(), but the caller is identified when they send a session, for
 * answers that differ by reader (an article's body is for members): no session is the anonymous
 * caller, a refused one is 401 as anywhere else, so the app renews it rather than read as a stranger.
 */
export const SessionOptional = (): MethodDecorator & ClassDecorator => SetMetadata(IS_SESSION_OPTIONAL, true);
