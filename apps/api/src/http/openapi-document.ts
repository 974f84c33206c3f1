import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/**
 * The API's OpenAPI document, as `/docs-json` serves it and as `npm run api-types` turns it into the
 * web app's types (D80): one builder, so the two cannot differ.
 */
export const openApiDocumentOf = (app: INestApplication): OpenAPIObject =>
  SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('ASB ledger')
      .setDescription('System of record for the Afrekenbare Stoffenbalans: submissions, authorisations, scores, norms, levies and their audit trail.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
