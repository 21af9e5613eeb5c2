import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small HTTP helpers shared by the gateway, control and page routes. */

export const MAX_BODY_BYTES = 1024 * 1024;
/** A body past this is not even read to its end: the connection is cut instead of answered. */
const MAX_DRAINED_BYTES = 64 * MAX_BODY_BYTES;

export class BodyTooLargeError extends Error {}

/**
 * The raw body bytes: signatures cover them exactly, so nothing is decoded or re-encoded. A body
 * over the limit is read on and thrown away, so the client, still sending, gets its 413 answer
 * instead of a reset connection.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_DRAINED_BYTES) req.destroy();
			else if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () =>
			size > MAX_BODY_BYTES
				? reject(new BodyTooLargeError(`the body is larger than ${MAX_BODY_BYTES} bytes`))
				: resolve(Buffer.concat(chunks)),
		);
		req.on('error', reject);
		// Settles a read cut short (by the client, or above for a huge body); a no-op after 'end'.
		req.on('close', () => reject(new BodyTooLargeError('the connection closed before the body ended')));
	});
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body, null, 2);
	res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'cache-control': 'no-store', ...headers });
	res.end(text);
}

export function sendText(res: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
	res.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' });
	res.end(body);
}

/** Parses a control-API JSON body; an empty body is `{}`. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
	const text = raw.toString('utf8').trim();
	if (!text) return {};
	const parsed = JSON.parse(text) as unknown;
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the body must be a JSON object');
	return parsed as Record<string, unknown>;
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
