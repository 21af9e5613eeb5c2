import { createHash, type KeyObject } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import {
	checkAlipayPublicKey,
	loadPrivateKey,
	loadPublicKey,
	resolveGateway,
	type GatewayRegion,
	type ResolvedGateway,
} from '../core';

/** The `alipayApi` credential's fields, as stored by n8n. */
export interface AlipayCredentialData {
	clientId: string;
	environment: 'sandbox' | 'production';
	gateway: GatewayRegion | 'custom';
	customBaseUrl?: string;
	privateKey: string;
	alipayPublicKey: string;
	keyVersion?: number;
}

export interface AlipayCredentials {
	clientId: string;
	keyVersion: number;
	gateway: ResolvedGateway;
	privateKey: KeyObject;
	alipayPublicKey: KeyObject;
}

const parsed = new Map<string, AlipayCredentials>();
const PARSED_LIMIT = 16;

/**
 * Reads and checks a stored credential. n8n hands `authenticate` a fresh copy of the credential
 * for every request, so the result is remembered per distinct credential content (keyed by a
 * digest, never by the key text): re-checking the key pair per request would cost a third of the
 * request's signing time.
 */
export function readAlipayCredentials(data: ICredentialDataDecryptedObject): AlipayCredentials {
	const fields = data as unknown as AlipayCredentialData;
	const id = createHash('sha256')
		.update(
			[
				fields.clientId,
				fields.environment,
				fields.gateway,
				fields.customBaseUrl,
				fields.keyVersion,
				fields.privateKey,
				fields.alipayPublicKey,
			]
				.map((v) => String(v ?? ''))
				.join('\u0000'),
		)
		.digest('hex');
	const hit = parsed.get(id);
	if (hit) return hit;
	const result = parseAlipayCredentials(data);
	if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value as string);
	parsed.set(id, result);
	return result;
}

/**
 * Reads and checks a stored credential once: keys parsed (and cached by the core), the gateway
 * resolved, and the own-public-key mistake caught before any request is sent.
 */
function parseAlipayCredentials(data: ICredentialDataDecryptedObject): AlipayCredentials {
	const fields = data as unknown as AlipayCredentialData;
	const clientId = String(fields.clientId ?? '').trim();
	const privateKey = loadPrivateKey(fields.privateKey, 'privateKey');
	const alipayPublicKey = loadPublicKey(fields.alipayPublicKey, 'alipayPublicKey');
	checkAlipayPublicKey(privateKey, alipayPublicKey);
	const gateway = resolveGateway({
		clientId,
		region: fields.gateway,
		customBaseUrl: fields.customBaseUrl,
		environment: fields.environment,
	});
	return {
		clientId,
		keyVersion: Number(fields.keyVersion ?? 1) || 1,
		gateway,
		privateKey,
		alipayPublicKey,
	};
}

/**
 * The path (and query) a request goes to, joined the way axios joins `baseURL` and `url`: this is
 * the `<HTTP-URI>` Alipay signs and verifies (spec §2.5), so it must match the wire exactly.
 */
export function requestPathOf(options: Pick<IHttpRequestOptions, 'url' | 'baseURL'>): string {
	const url = options.url ?? '';
	const full =
		/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || !options.baseURL
			? url
			: `${options.baseURL.replace(/\/+$/, '')}/${url.replace(/^\/+/, '')}`;
	const parsed = new URL(full, 'http://relative.invalid');
	return parsed.pathname + parsed.search;
}
