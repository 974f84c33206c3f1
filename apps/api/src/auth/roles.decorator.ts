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

/**
 * Which roles may call an endpoint at all; farm-level checks happen in the handler. The OpenAPI
 * document says it too (`x-asb-roles`), so clients and the fuzz suite know whom to send.
 */
export const Roles =
  (...roles: ActorRole[]) =>
  (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (descriptor) {
      SetMetadata(ROLES_KEY, roles)(target, key!, descriptor);
      ApiExtension('x-asb-roles', roles)(target, key!, descriptor);
      return;
    }
    SetMetadata(ROLES_KEY, roles)(target as Function);
    onEveryHandler(target as Function, ROLES_KEY, 'x-asb-roles', roles);
  };

export const Public =
  () =>
  (target: object, key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (descriptor) {
      SetMetadata(PUBLIC_KEY, true)(target, key!, descriptor);
      ApiExtension('x-asb-public', true)(target, key!, descriptor);
      return;
    }
    SetMetadata(PUBLIC_KEY, true)(target as Function);
    onEveryHandler(target as Function, PUBLIC_KEY, 'x-asb-public', true);
  };
