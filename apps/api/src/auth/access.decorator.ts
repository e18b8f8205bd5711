import { SetMetadata } from '@nestjs/common';
import type { Access } from './principal';

export const ACCESS_KEY = 'mieruka:access';

/** Who may call a route (checked by AccessGuard); a route without it is public. */
export const Allow = (...access: Access[]) => SetMetadata(ACCESS_KEY, access);
