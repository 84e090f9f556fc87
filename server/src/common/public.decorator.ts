import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'itss:public';

/** Marks a route anyone may call, signed in or not. Every other route will require a session. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
