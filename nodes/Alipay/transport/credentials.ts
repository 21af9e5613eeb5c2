import type { KeyObject } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';
import {
	alipayPathOf,
	checkAlipayPublicKey,
	loadPrivateKey,
	loadPublicKey,
	resolveGateway,
	signRequest,
	type GatewayRegion,
	type ResolvedGateway,
} from '../core';

/**
 * The credential's hidden "expirable" field. n8n calls a credential's preAuthentication before a
 * request only while such a field is empty; it is always empty in what the form saves, and filled
 * in only in the copy the node hands n8n for workflow runs (see the transport).
 */
export const CREDENTIAL_CHECK_FIELD = 'credentialCheck';

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

/** The credential's optional shop fields, named as on the wire. */
export const SHOP_FIELDS = [
	'referenceMerchantId',
	'merchantName',
	'merchantMCC',
	'referenceStoreId',
	'storeName',
	'storeMCC',
] as const;
export type ShopField = (typeof SHOP_FIELDS)[number];
export type Shop = Partial<Record<ShopField, string>>;

export interface AlipayCredentials {
	clientId: string;
	keyVersion: number;
	gateway: ResolvedGateway;
	privateKey: KeyObject;
	alipayPublicKey: KeyObject;
	/** The credential as n8n decrypted it, handed back with each request so n8n need not load it again. */
	stored: ICredentialDataDecryptedObject;
	/** The merchant and store operations fall back to (blank fields left out). */
	shop: Shop;
}

/**
 * Reads and checks a stored credential: keys parsed (the core caches them per distinct text, so
 * n8n's fresh copy of the credential for every request costs lookups, not parsing), the gateway
 * resolved, and the own-public-key mistake caught before any request is sent.
 */
export function readAlipayCredentials(data: ICredentialDataDecryptedObject): AlipayCredentials {
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
		stored: data,
		shop: readShop(data),
	};
}

function readShop(data: ICredentialDataDecryptedObject): Shop {
	const shop: Shop = {};
	for (const field of SHOP_FIELDS) {
		const value = String(data[field] ?? '').trim();
		if (value) shop[field] = value;
	}
	return shop;
}

/**
 * The path (and query) a request goes to, joined the way axios joins `baseURL` and `url`: this is
 * the `<HTTP-URI>` Alipay signs and verifies (docs/protocol.md#content-to-sign), so it must match the wire exactly.
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

/**
 * Signs the exact body string that will be sent, over the path it will be sent to: the credential's
 * `authenticate`, and the credential test's own probe, which must sign exactly as the node does.
 * Key problems are thrown here, before anything is sent.
 */
export function signGatewayRequest(data: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	const { clientId, keyVersion, privateKey, gateway } = readAlipayCredentials(data);
	const body = typeof requestOptions.body === 'string' ? requestOptions.body : JSON.stringify(requestOptions.body ?? {});
	const path = alipayPathOf(gateway.baseUrl, requestPathOf(requestOptions));
	const signed = signRequest({ path, clientId, body, privateKey, keyVersion });
	return { ...requestOptions, body, headers: { ...requestOptions.headers, ...signed } };
}
