import type { HeaderBag } from '../core';
import type { NotificationKind } from './notification';

/**
 * Reading the webhook request: the exact bytes received, the path as received and as Alipay signed
 * it, and which of the two webhooks was called. Verifying them is the core's (`verifyIncoming`).
 */

/** The parts of n8n's express request the trigger reads (n8n augments IncomingMessage with these). */
export interface NotificationRequest {
	headers: HeaderBag;
	url?: string;
	originalUrl?: string;
	rawBody?: Buffer;
	readRawBody?: () => Promise<void>;
}

/** The exact bytes received. n8n has normally read them already; read them if not. */
export async function rawBodyOf(req: NotificationRequest): Promise<Buffer> {
	if (!req.rawBody && req.readRawBody) await req.readRawBody();
	return req.rawBody ?? Buffer.alloc(0);
}

/** Path plus query as received: express keeps it in `originalUrl` even inside routers. */
export function receivedPath(req: NotificationRequest): string {
	return req.originalUrl ?? req.url ?? '/';
}

/** Which of the two webhooks was called: the last path segment (`.../payment`, `.../registration`). */
export function webhookKindOf(path: string): NotificationKind | undefined {
	const segment = path.split('?')[0].replace(/\/+$/, '').split('/').pop();
	return segment === 'payment' || segment === 'registration' ? segment : undefined;
}

/**
 * The path Alipay signed. Normally the path it called, which is the one n8n received. Behind a
 * reverse proxy that rewrites paths, the user enters the public path; the received query string
 * is kept unless the override brings its own.
 */
export function signedPath(received: string, override?: string): string {
	const publicPath = override?.trim();
	if (!publicPath) return received;
	const path = publicPath.startsWith('/') ? publicPath : `/${publicPath}`;
	if (path.includes('?')) return path;
	const query = received.indexOf('?');
	return query < 0 ? path : path + received.slice(query);
}
