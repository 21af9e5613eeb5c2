import type { IncomingMessage, ServerResponse } from 'node:http';

/** Small HTTP helpers shared by the gateway, control and page routes. */

const MAX_BODY_BYTES = 1024 * 1024;

export class BodyTooLargeError extends Error {}

/** The raw body bytes: signatures cover them exactly, so nothing is decoded or re-encoded. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				reject(new BodyTooLargeError(`the body is larger than ${MAX_BODY_BYTES} bytes`));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
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
