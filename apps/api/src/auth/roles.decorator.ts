import { SetMetadata } from '@nestjs/common';
import type { ActorRole } from '@asb/event-store';

export const ROLES_KEY = 'asb:roles';
export const PUBLIC_KEY = 'asb:public';

/** Which roles may call an endpoint at all; farm-level checks happen in the handler. */
export const Roles = (...roles: ActorRole[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);
