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

/**
 * An HTML document the API hands out (a decision document, a what-if report) is opened in a browser from
 * the API's origin: it may style itself, nothing else — no script, no image or frame fetched from anywhere —
 * and is never sniffed as another type. Its contents are escaped where they are built; this is the second wall.
 */
export const asHtmlDocument = (response: Pick<Response, 'setHeader' | 'type'>): void => {
  response.type('html');
  response.setHeader('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
  response.setHeader('x-content-type-options', 'nosniff');
};
