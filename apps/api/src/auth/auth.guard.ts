import { ForbiddenException, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ActorRole } from '@asb/event-store';
import { TokenRefusedError } from '@asb/ledger';
import { PUBLIC_KEY, ROLES_KEY } from './roles.decorator';
import { TokenService } from './token.service';

/** Every request is authenticated (the ledger's bearer token or the OIDC provider's access token) and its role checked against the endpoint's. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest();
    const header: unknown = request.headers.authorization;
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) {
      throw new UnauthorizedException({ code: 'UNAUTHENTICATED', message: 'a bearer token is required', field: 'authorization' });
    }
    let claims;
    try {
      claims = await this.tokens.verifyAny(header.slice('Bearer '.length).trim());
    } catch (error) {
      if (!(error instanceof TokenRefusedError)) throw error;
      throw new UnauthorizedException({ code: 'UNAUTHENTICATED', message: error.message, field: 'authorization' });
    }
    request.actor = { id: claims.sub, role: claims.role };
    // The provider's word on which farms a farmer owns (D49): a farmer acts only on a farm both the
    // claim names and the ledger records as theirs. The ledger's own tokens carry no such claim.
    if (claims.role === 'farmer' && claims.farms) {
      request.farmClaim = claims.farms;
      const farmId = typeof request.params?.farmId === 'string' ? request.params.farmId : request.method === 'POST' && request.route?.path === '/farms' ? request.body?.farmId : undefined;
      if (typeof farmId === 'string' && !claims.farms.includes(farmId)) {
        throw new ForbiddenException({ code: 'NOT_YOUR_FARM', message: 'your identity provider does not name you as the farmer of this farm' });
      }
    }
    const allowed = this.reflector.getAllAndOverride<ActorRole[]>(ROLES_KEY, targets);
    if (allowed && !allowed.includes(claims.role)) {
      throw new ForbiddenException({ message: `role ${claims.role} may not do this`, code: 'ROLE_NOT_ALLOWED' });
    }
    return true;
  }
}
