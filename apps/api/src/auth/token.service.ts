import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { ActorRole } from '@asb/event-store';
import type { TokenClaims } from './actor';

/** Issues and checks signed bearer tokens (HS256). */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(sub: string, role: ActorRole, expiresInSeconds = 8 * 3600): string {
    return this.jwt.sign({ sub, role } satisfies TokenClaims, { expiresIn: expiresInSeconds });
  }

  verify(token: string): TokenClaims {
    return this.jwt.verify<TokenClaims>(token);
  }
}
