import { applyDecorators, BadRequestException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { NormSetCatalogue } from '@asb/ledger';

/**
 * A scheme id as a route carries it: its format only. Which schemes exist is not code: the catalogue
 * of published norm sets (D40) answers, so a scheme published over `POST /norm-sets` is served at once.
 */
export const SCHEME_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const SchemeId = () =>
  applyDecorators(
    ApiProperty({ example: 'drenthe-2025', pattern: SCHEME_ID_PATTERN.source, description: 'the id of a published scheme norm set (`GET /norm-sets/{id}`)' }),
    IsString(),
    Matches(SCHEME_ID_PATTERN),
  );

/**
 * Refuses a route whose `:scheme` names no published scheme with the 400 a malformed value gets
 * (`INVALID_INPUT`, field `scheme`), before anything is read or written.
 */
@Injectable()
export class PublishedSchemeGuard implements CanActivate {
  constructor(
    private readonly catalogue: NormSetCatalogue,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const scheme: unknown = context.switchToHttp().getRequest<{ params?: Record<string, unknown> }>().params?.scheme;
    if (typeof scheme !== 'string') return true;
    if (!SCHEME_ID_PATTERN.test(scheme) || !(await this.catalogue.scheme(scheme))) {
      throw new BadRequestException({ code: 'INVALID_INPUT', message: `scheme: ${scheme.slice(0, 80)} is not a published scheme`, field: 'scheme' });
    }
    return true;
  }
}
