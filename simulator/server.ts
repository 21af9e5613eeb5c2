import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SimContext } from './context';
import { handleControlRequest } from './control';
import { handleGatewayRequest } from './gateway';
import { refuseForeignRequest } from './guard';
import { BodyTooLargeError, readBody, sendJson } from './http';
import { handlePageRequest } from './pages';

/**
 * The HTTP front door: `/ams/...` is Alipay's API, `/_sim/...` the control API and pages. Anything
 * else under the gateway's own rules is NO_INTERFACE_DEF; other paths are a plain 404.
 */
export function createSimulatorServer(ctx: SimContext): Server {
	return createServer((req, res) => {
		route(ctx, req, res).catch((error: unknown) => {
			ctx.log(`internal error: ${(error as Error).message}`);
			if (!res.headersSent) sendJson(res, 500, { error: 'simulator internal error' });
			else res.destroy();
		});
	});
}

async function route(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
	let raw: Buffer;
	try {
		raw = await readBody(req);
	} catch (error) {
		if (!(error instanceof BodyTooLargeError)) throw error;
		sendJson(res, 413, { error: error.message }, { connection: 'close' });
		return;
	}
	const pathname = (req.url ?? '/').split('?')[0];
	if (pathname.startsWith('/ams/')) return handleGatewayRequest(ctx, req, res, raw);
	if (pathname === '/_sim' || pathname.startsWith('/_sim/')) {
		const refusal = refuseForeignRequest(ctx, req, raw);
		if (refusal) return sendJson(res, refusal.status, { error: refusal.error });
		if (await handleControlRequest(ctx, req, res, raw)) return;
		if (await handlePageRequest(ctx, req, res)) return;
	}
	if (pathname === '/' && req.method === 'GET') {
		res.writeHead(302, { location: '/_sim/' });
		res.end();
		return;
	}
	sendJson(res, 404, { error: `nothing at ${req.method ?? '?'} ${pathname}; Alipay APIs live under /ams/api/v1 and /ams/sandbox/api/v1` });
}
