import { SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { ActorRole } from '@asb/event-store';

export const ROLES_KEY = 'asb:roles';
export const PUBLIC_KEY = 'asb:public';

/** Documents a class-level setting on each of its handlers that does not set its own (the OpenAPI document is per operation). */
const onEveryHandler = (target: Function, metadataKey: string, extension: string, value: unknown) => {
  for (const name of Object.getOwnPropertyNames(target.prototype)) {
    const descriptor = Object.getOwnPropertyDescriptor(target.prototype, name);
    if (name === 'constructor' || typeof descriptor?.value !== 'function' || Reflect.getMetadata(metadataKey, descriptor.value) !== undefined) continue;
    ApiExtension(extension, value)(target.prototype, name, descriptor);
  }
};

/** Sets a route's metadata on a handler or a controller, and says it in the OpenAPI document. */
const routeSetting =
  (metadataKey: string, value: unknown, extension: string) =>
  (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (descriptor) {
      SetMetadata(metadataKey, value)(target, key!, descriptor);
      ApiExtension(extension, value)(target, key!, descriptor);
      return;
    }
    SetMetadata(metadataKey, value)(target as Function);
    onEveryHandler(target as Function, metadataKey, extension, value);
  };

/**
 * Which roles may call an endpoint at all; farm-level checks happen in the handler. The OpenAPI
 * document says it too (`x-asb-roles`), so clients and the fuzz suite know whom to send.
 */
export const Roles = (...roles: ActorRole[]) => routeSetting(ROLES_KEY, roles, 'x-asb-roles');

/** No token needed (health, public integrity data). */
export const Public = () => routeSetting(PUBLIC_KEY, true, 'x-asb-public');
