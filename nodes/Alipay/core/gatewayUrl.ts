import { AlipayValidationError } from './errors';

/** Gateway hosts per region (docs/protocol.md#endpoints-and-environments). Sandbox uses the same hosts with a different path prefix. */
export const REGION_HOSTS = {
	asia: 'https://open-sea-global.alipay.com',
	northAmerica: 'https://open-na-global.alipay.com',
	europe: 'https://open-de-global.alipay.com',
	usMerchants: 'https://open.antglobal-us.com',
} as const;

export type GatewayRegion = keyof typeof REGION_HOSTS;
export type Environment = 'sandbox' | 'production' | 'auto';

export const SANDBOX_CLIENT_ID_PREFIX = 'SANDBOX_';

export function isSandboxClientId(clientId: string): boolean {
	return clientId.trim().toUpperCase().startsWith(SANDBOX_CLIENT_ID_PREFIX);
}

export interface GatewaySettings {
	clientId: string;
	region: GatewayRegion | 'custom';
	customBaseUrl?: string;
	/** `auto` infers sandbox from a `SANDBOX_` client ID, as the official SDKs do. */
	environment: Environment;
}

export interface ResolvedGateway {
	/** Origin plus any path prefix, without a trailing slash. */
	baseUrl: string;
	sandbox: boolean;
	/** Things that work but are probably mistakes, for the credential test and logs. */
	warnings: string[];
}

/**
 * Turns credential settings into a base URL and the sandbox switch. A custom base URL is how users
 * point at the simulator or a proxy; it may carry a path prefix (the proxy's, removed before
 * Alipay, see `alipayPathOf`) but not an API path, which is the
 * commonest copy-paste mistake (the China open platform's `gateway.do` URL).
 */
export function resolveGateway(settings: GatewaySettings): ResolvedGateway {
	const warnings: string[] = [];
	const sandboxClient = isSandboxClientId(settings.clientId);
	const sandbox = settings.environment === 'auto' ? sandboxClient : settings.environment === 'sandbox';
	if (settings.environment === 'production' && sandboxClient) {
		warnings.push(
			'The client ID starts with SANDBOX_ but Environment is Production: Alipay will reject it. Choose Sandbox.',
		);
	}
	if (settings.environment === 'sandbox' && !sandboxClient) {
		warnings.push(
			'Environment is Sandbox but the client ID does not start with SANDBOX_: sandbox client IDs always do.',
		);
	}

	if (settings.region !== 'custom') {
		const host = REGION_HOSTS[settings.region];
		// The value itself is never echoed: a key pasted into the wrong field would end up in the message.
		if (!host) throw new AlipayValidationError('gateway', 'is not one of the listed regions', 'Choose a Gateway from the list.');
		return { baseUrl: host, sandbox, warnings };
	}

	const raw = (settings.customBaseUrl ?? '').trim();
	if (!raw) {
		throw new AlipayValidationError(
			'customBaseUrl',
			'is required when Gateway is Custom Base URL',
			'Enter the origin, for example http://127.0.0.1:8787 for the local simulator.',
		);
	}
	const url = parseUrl(raw);
	if (!url) {
		throw new AlipayValidationError(
			'customBaseUrl',
			'is not a URL',
			'Enter an absolute URL starting with https:// (or http:// for a local simulator). If you pasted a key here, move it to its own field.',
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new AlipayValidationError('customBaseUrl', 'must use http or https');
	}
	if (url.search || url.hash) {
		throw new AlipayValidationError('customBaseUrl', 'must not contain a query string or fragment');
	}
	const path = url.pathname.replace(/\/+$/, '');
	if (/\/ams\/|gateway\.do/i.test(path + '/')) {
		throw new AlipayValidationError(
			'customBaseUrl',
			'must be the gateway origin only, without an API path (/ams/… or gateway.do)',
			'Remove everything after the host: the node adds /ams/api/v1/... itself.',
		);
	}
	if (/(^|\.)openapi\.alipay\.com$/i.test(url.hostname)) {
		warnings.push(
			'openapi.alipay.com is the Alipay China open platform, not Alipay Global (Antom); use a region host.',
		);
	}
	if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
		warnings.push(PLAIN_HTTP_WARNING);
	}
	return { baseUrl: url.origin + path, sandbox, warnings };
}

/**
 * The path Alipay receives for a request sent to `requestPath` under `baseUrl`. A path in a Custom
 * Base URL belongs to a proxy in front of Alipay that removes it before forwarding (Alipay serves
 * only `/ams/...`), so it is never part of what is signed: requests are signed, and answers
 * verified, over the path Alipay itself sees. Every signer (the credential, the core client) goes
 * through here or signs the API path directly, so both agree.
 */
export function alipayPathOf(baseUrl: string, requestPath: string): string {
	const prefix = (parseUrl(baseUrl)?.pathname ?? '').replace(/\/+$/, '');
	return prefix && requestPath.startsWith(`${prefix}/`) ? requestPath.slice(prefix.length) : requestPath;
}

function parseUrl(raw: string): URL | undefined {
	try {
		return new URL(raw);
	} catch {
		return undefined;
	}
}

export const PLAIN_HTTP_WARNING =
	'The custom base URL uses plain http to a host that is not this machine: payment data and signatures would travel unencrypted. Use https://.';

/**
 * Whether a URL's hostname (as `new URL` normalises it) names this machine: `localhost`, 127.0.0.0/8,
 * `::1`, 127.x written as an IPv4-mapped IPv6 address, or the unspecified addresses, which connect
 * locally. Only literals count: `127.example.com` is somebody else's host.
 */
export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.toLowerCase();
	return (
		host === 'localhost' ||
		/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
		host === '0.0.0.0' ||
		host === '[::1]' ||
		host === '[::]' ||
		/^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)
	);
}
