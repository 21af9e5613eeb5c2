import { execFileSync } from 'node:child_process';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KEYUTIL, KJUR, b64tohex, hextob64 } from 'jsrsasign';
import { join } from 'node:path';
import { samplePayRequest } from '../../simulator/samples';
import { TEST_CLIENT_ID, fixture } from '../helpers/keys';

/**
 * A merchant and a notification receiver built on the openssl CLI (signing) and jsrsasign
 * (verification), independent of our protocol core, so the simulator is checked against other
 * implementations of Alipay's signature rules. (jsrsasign signs too, but ~0.6 s per signature
 * inside jest's sandbox, so requests are signed with openssl.)
 */

export const MERCHANT_PRIVATE_PEM = fixture('merchant-private.pem');
export const MERCHANT_PRIVATE_PEM_FILE = join(__dirname, '..', 'fixtures', 'merchant-private.pem');

/**
 * One request on a connection of its own. fetch reuses kept-alive connections, which the simulator
 * closes after 5 idle seconds; signing blocks this process for a while (openssl runs synchronously,
 * jsrsasign takes ~0.6 s), long enough on a busy machine that fetch sent on a connection the
 * simulator had just closed and the request failed with ECONNRESET.
 */
function exchange(
	url: string,
	method: string,
	headers: Record<string, string>,
	body: string | undefined,
): Promise<{ status: number; headers: Record<string, string>; text: string }> {
	const sent = body === undefined ? headers : { ...headers, 'Content-Length': String(Buffer.byteLength(body)) };
	return new Promise((resolve, reject) => {
		const req = request(url, { method, headers: sent, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					headers: Object.fromEntries(Object.entries(res.headers).map(([name, value]) => [name, String(value)])),
					text: Buffer.concat(chunks).toString('utf8'),
				}),
			);
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** Base64 RSA-SHA256 signature made by `openssl dgst -sha256 -sign`. */
export function opensslSign(content: string, privatePemFile = MERCHANT_PRIVATE_PEM_FILE): string {
	return execFileSync('openssl', ['dgst', '-sha256', '-sign', privatePemFile], { input: Buffer.from(content, 'utf8') }).toString('base64');
}

export function base64ToPem(base64: string, label = 'PUBLIC KEY'): string {
	return `-----BEGIN ${label}-----\n${base64.match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;
}

export function jsSign(content: string, privatePem: string): string {
	const signer = new KJUR.crypto.Signature({ alg: 'SHA256withRSA' });
	signer.init(KEYUTIL.getKey(privatePem) as never);
	signer.updateString(content);
	return hextob64(signer.sign());
}

export function jsVerify(content: string, signatureBase64: string, publicPem: string): boolean {
	const verifier = new KJUR.crypto.Signature({ alg: 'SHA256withRSA' });
	verifier.init(KEYUTIL.getKey(publicPem) as never);
	verifier.updateString(content);
	return verifier.verify(b64tohex(signatureBase64));
}

/** The base64 signature inside an Alipay signature header (percent-decoded). */
export function signatureOf(header: string | undefined): string | undefined {
	const match = /(?:^|,)\s*signature=([^,]+)/.exec(header ?? '');
	return match ? decodeURIComponent(match[1].trim()) : undefined;
}

export interface WireResponse {
	status: number;
	headers: Record<string, string>;
	text: string;
	json: any;
	/** Has both signature and response-time headers. */
	signed: boolean;
	/** The signature verified with jsrsasign and the Alipay public key. */
	verified: boolean;
}

export interface CallOptions {
	clientId?: string;
	/** PEM file of the signing key (default: the fixture merchant key). */
	privatePemFile?: string;
	/** Sign with jsrsasign instead of openssl. */
	signWithJsrsasign?: boolean;
	time?: string;
	keyVersion?: string;
	/** Sign this body but send another one. */
	sendBody?: string;
	/** Replace the Signature header entirely (undefined value removes it). */
	signatureHeader?: string | null;
	method?: string;
	contentType?: string;
	/** Path actually requested, when it differs from the signed one. */
	sendPath?: string;
}

export class WireMerchant {
	readonly alipayPublicPem: string;

	constructor(
		readonly baseUrl: string,
		alipayPublicKeyBase64: string,
		readonly prefix = '/ams/sandbox/api',
	) {
		this.alipayPublicPem = base64ToPem(alipayPublicKeyBase64);
	}

	async call(api: string, body: unknown, options: CallOptions = {}): Promise<WireResponse> {
		const path = api.startsWith('/ams/') ? api : `${this.prefix}${api}`;
		const clientId = options.clientId ?? TEST_CLIENT_ID;
		const time = options.time ?? String(Date.now());
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const content = `POST ${path}\n${clientId}.${time}.${text}`;
		const signature = options.signWithJsrsasign ? jsSign(content, MERCHANT_PRIVATE_PEM) : opensslSign(content, options.privatePemFile);
		const headers: Record<string, string> = {
			'Content-Type': options.contentType ?? 'application/json; charset=UTF-8',
			'Client-Id': clientId,
			'Request-Time': time,
			Signature: `algorithm=RSA256,keyVersion=${options.keyVersion ?? '1'},signature=${encodeURIComponent(signature)}`,
		};
		if (options.signatureHeader === null) delete headers.Signature;
		else if (options.signatureHeader !== undefined) headers.Signature = options.signatureHeader;
		const sendPath = options.sendPath ?? path;
		const res = await exchange(`${this.baseUrl}${sendPath}`, options.method ?? 'POST', headers, options.method && options.method !== 'POST' ? undefined : (options.sendBody ?? text));
		return this.describe(sendPath, res.status, res.headers, res.text);
	}

	describe(path: string, status: number, headers: Record<string, string>, text: string): WireResponse {
		const signatureHeader = headers.signature;
		const time = headers['response-time'];
		const signed = signatureHeader !== undefined && time !== undefined;
		const signature = signatureOf(signatureHeader);
		const verified =
			signed && signature !== undefined && jsVerify(`POST ${path}\n${headers['client-id']}.${time}.${text}`, signature, this.alipayPublicPem);
		return { status, headers, text, json: parseOrUndefined(text), signed, verified };
	}
}

export interface ReceivedNotification {
	path: string;
	headers: IncomingHttpHeaders;
	body: string;
	json: any;
	/** Verified with jsrsasign over the path+query it arrived at. */
	verified: boolean;
	receivedAt: number;
}

/**
 * A merchant's notify endpoint. `reply` decides each answer (default: Alipay's fixed acknowledgement).
 */
export class NotifyReceiver {
	readonly received: ReceivedNotification[] = [];
	reply: (n: ReceivedNotification, index: number) => { status: number; body: string } = () => ACK;
	private server?: Server;
	private waiters: Array<{ count: number; resolve: () => void }> = [];
	url = '';

	constructor(private readonly alipayPublicPem: string) {}

	async start(): Promise<this> {
		this.server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const body = Buffer.concat(chunks).toString('utf8');
				const headers = req.headers;
				const signature = signatureOf(headers.signature as string | undefined);
				const path = req.url ?? '/';
				const notification: ReceivedNotification = {
					path,
					headers,
					body,
					json: parseOrUndefined(body),
					verified: this.verify(`POST ${path}\n${String(headers['client-id'])}.${String(headers['request-time'])}.${body}`, signature),
					receivedAt: Date.now(),
				};
				this.received.push(notification);
				const answer = this.reply(notification, this.received.length - 1);
				res.writeHead(answer.status, { 'content-type': 'application/json' });
				res.end(answer.body);
				this.waiters = this.waiters.filter((w) => (this.received.length >= w.count ? (w.resolve(), false) : true));
			});
		});
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	/** Never throws inside the request handler: a bad key or signature is just "not verified". */
	private verify(content: string, signature: string | undefined): boolean {
		try {
			return signature !== undefined && jsVerify(content, signature, this.alipayPublicPem);
		} catch {
			return false;
		}
	}

	/**
	 * Resolves once `count` notifications in total have arrived. The limit is a hang detector just
	 * under jest's test timeout, so a busy machine waits longer instead of failing.
	 */
	waitFor(count: number, timeoutMs = 25_000): Promise<void> {
		if (this.received.length >= count) return Promise.resolve();
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`only ${this.received.length} of ${count} notifications arrived`)), timeoutMs);
			this.waiters.push({
				count,
				resolve: () => {
					clearTimeout(timer);
					resolve();
				},
			});
		});
	}

	close(): Promise<void> {
		return new Promise((resolve) => {
			if (!this.server) return resolve();
			this.server.close(() => resolve());
			this.server.closeAllConnections();
		});
	}
}

export const ACK = {
	status: 200,
	body: JSON.stringify({ result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' } }),
};

let sequence = 0;
/** A unique request ID per call, so tests never collide on idempotency keys. */
export function uniqueId(prefix: string): string {
	return `${prefix}_${Date.now().toString(36)}_${(++sequence).toString(36)}`;
}

/** A valid Order Code pay body (as in Alipay's Order Code page example) with a fresh request ID. */
export function payBody(overrides: Record<string, unknown> = {}, notifyUrl = 'http://127.0.0.1:9/notify'): Record<string, unknown> {
	return { ...samplePayRequest(uniqueId('PAY'), notifyUrl), ...overrides };
}

/** An in-store registration body the contract accepts. */
export function registrationBody(overrides: Record<string, unknown> = {}, merchantId = uniqueId('SM')): Record<string, unknown> {
	return {
		registrationRequestId: uniqueId('REG'),
		productCodes: ['IN_STORE_PAYMENT'],
		merchantInfo: {
			referenceMerchantId: merchantId,
			merchantDisplayName: 'Kopi Corner',
			merchantMCC: '5812',
			registrationDetail: {
				legalName: 'Kopi Corner Pte Ltd',
				registrationType: 'ENTERPRISE_REGISTRATION_NO',
				registrationNo: '201912345K',
				registrationAddress: { region: 'SG', city: 'Singapore', address1: '391 Orchard Road' },
			},
		},
		storeInfo: { referenceStoreId: 'ST_0007', storeName: 'Kopi Corner Orchard', storeMCC: '5812' },
		...overrides,
	};
}

/** Asserts the result triple and whether the answer was signed (and then that it verified). */
export function expectResult(response: WireResponse, status: 'S' | 'F' | 'U', code: string, signed = true): void {
	expect(response.status).toBe(200);
	expect(response.json?.result).toMatchObject({ resultStatus: status, resultCode: code });
	expect({ signed: response.signed, verified: response.verified }).toEqual({ signed, verified: signed });
}

function parseOrUndefined(text: string): any {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
