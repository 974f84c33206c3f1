import { Controller, Get, Inject } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { LEDGER_CONFIG, type LedgerConfig } from '@asb/ledger';
import { Public } from './roles.decorator';
import { ApiDoc } from '../http/openapi';

class SignInSettings {
  @ApiProperty({ type: String, nullable: true, description: 'the OpenID Connect provider to sign in with; null: none configured (bearer tokens only)' }) issuer!: string | null;
  @ApiProperty({ example: 'asb-web', description: "the web application's client id at the provider (public client, PKCE)" }) clientId!: string;
  @ApiProperty({ example: 'openid profile asb' }) scope!: string;
}

/** What the web application needs to start a sign-in (D49); public, as a provider's discovery document is. */
@ApiTags('auth')
@Controller('auth')
export class AuthConfigController {
  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  @Get('config')
  @Public()
  @ApiDoc({ summary: 'Where and as which client the web application signs in (OpenID Connect, authorization code with PKCE)', response: SignInSettings, errors: [400] })
  config_(): SignInSettings {
    return { issuer: this.config.oidcIssuer ?? null, clientId: this.config.oidcClientId, scope: 'openid profile asb' };
  }
}
