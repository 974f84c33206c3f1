import type { Response } from 'express';

/** File names the API gives its downloads: ASCII letters, digits, dots, dashes and underscores only. */
const UNSAFE = /[^A-Za-z0-9._-]+/g;

/**
 * Names a download (RFC 6266): `attachment; filename="…"`. One place for every file the API hands out
 * (audit bundle, payment batch, what-if report, decision document), so that each is saved under its name
 * and no id can break out of the quotes.
 */
export const asAttachment = (response: Pick<Response, 'setHeader'>, fileName: string): void => {
  response.setHeader('content-disposition', `attachment; filename="${fileName.replace(UNSAFE, '-')}"`);
};
