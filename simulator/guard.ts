import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import type { SimContext } from './context';

/**
 * The control API signs and delivers whatever it is asked to, with the key the playground's n8n
 * trusts, so no web page may drive it. A page on another site is refused by its Origin; a DNS
 * rebinding page (its own name resolving to 127.0.0.1) by the Host, which then carries that name;
 * and a request with a body must say it is JSON, which a page can only send after a CORS preflight
 * this server never grants. Clients without a browser (curl, tests, scripts) send no Origin and
 * are unaffected. Alipay's own API (/ams) needs no guard: it acts only on signed requests.
 */

/** Names that always mean this machine. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARDS = new Set(['', '0.0.0.0', '::']);

/** Why a /_sim request is refused, or undefined when it may proceed. */
export function refuseForeignRequest(
	ctx: Pick<SimContext, 'config'>,
	req: IncomingMessage,
	raw: Buffer,
): { status: number; error: string } | undefined {
	const host = req.headers.host?.toLowerCase();
	if (!host || !allowedHosts(ctx, req).has(host)) {
		return { status: 421, error: 'the Host header does not name this simulator; use the address it listens on' };
	}
	const origin = req.headers.origin;
	if (origin !== undefined && !isOwnOrigin(origin, host)) {
		return { status: 403, error: 'requests from other web pages are refused' };
	}
	if (req.method === 'POST' && raw.length > 0 && !/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
		return { status: 415, error: 'control API bodies must be sent as content-type application/json' };
	}
	return undefined;
}

/** host:port forms that name the address this request came in on. */
function allowedHosts(ctx: Pick<SimContext, 'config'>, req: IncomingMessage): Set<string> {
	const listen = ctx.config.host.toLowerCase();
	const wildcard = WILDCARDS.has(listen);
	const names = new Set<string>();
	if (wildcard || listen === 'localhost' || listen === '::1' || /^127\./.test(listen)) LOOPBACK_NAMES.forEach((n) => names.add(n));
	// Listening everywhere, the address this connection arrived on (a LAN address, say) is also ours.
	const address = wildcard ? (req.socket.localAddress ?? '').replace(/^::ffff:/, '') : listen;
	if (address) names.add(isIP(address) === 6 ? `[${address}]` : address);
	const allowed = new Set([...names].map((name) => `${name}:${req.socket.localPort}`));
	if (ctx.config.publicBaseUrl) allowed.add(new URL(ctx.config.publicBaseUrl).host.toLowerCase());
	return allowed;
}

/** The wallet page's own scripts send the origin of the address the browser used. */
function isOwnOrigin(origin: string, host: string): boolean {
	try {
		const url = new URL(origin);
		return (url.protocol === 'http:' || url.protocol === 'https:') && url.host.toLowerCase() === host;
	} catch {
		return false;
	}
}
