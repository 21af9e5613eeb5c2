import { createSign, createVerify, KeyObject } from 'node:crypto';
import { parseAlipayTime } from './time';

/**
 * Alipay's message signature (docs/protocol.md#signing): RSA-SHA256 PKCS#1 v1.5 over
 * `POST <path+query>\n<client-id>.<time>.<exact body bytes>`, carried in a header
 * `algorithm=RSA256,keyVersion=N,signature=<percent-encoded base64>`. Requests, responses and
 * notifications all use it; only who signs and which time header is used differ.
 */

export const SIGNATURE_ALGORITHM = 'RSA256';

export interface SignedParts {
	/** Always POST for Alipay. */
	method?: string;
	/** Path plus query, without scheme and host, exactly as on the wire. */
	path: string;
	clientId: string;
	/** The Request-Time or Response-Time header value, verbatim. */
	time: string;
	/** The body exactly as sent: a string is UTF-8 encoded, a Buffer is used as is. */
	body: string | Buffer;
}

export function contentToSign(parts: SignedParts): Buffer {
	const head = `${parts.method ?? 'POST'} ${parts.path}\n${parts.clientId}.${parts.time}.`;
	const body = typeof parts.body === 'string' ? Buffer.from(parts.body, 'utf8') : parts.body;
	return Buffer.concat([Buffer.from(head, 'utf8'), body]);
}

/** Base64 RSA-SHA256 signature of `content`. */
export function signContent(content: Buffer, privateKey: KeyObject): string {
	return createSign('RSA-SHA256').update(content).sign(privateKey, 'base64');
}

/** Never throws: a signature that cannot even be checked is simply not valid. */
export function verifyContent(content: Buffer, signatureBase64: string, publicKey: KeyObject): boolean {
	try {
		return createVerify('RSA-SHA256').update(content).verify(publicKey, signatureBase64, 'base64');
	} catch {
		return false;
	}
}

export function formatSignatureHeader(signatureBase64: string, keyVersion: number | string = 1): string {
	return `algorithm=${SIGNATURE_ALGORITHM},keyVersion=${keyVersion},signature=${encodeURIComponent(signatureBase64)}`;
}

/**
 * Decodes `%xx` escapes in either case and nothing else. A raw `+` stays a `+`: every official
 * SDK's URL decoder turns it into a space and corrupts raw-base64 signatures.
 */
export function percentDecode(value: string): string {
	return value.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export interface ParsedSignatureHeader {
	algorithm: string;
	keyVersion?: string;
	/** Standard base64, percent-decoded. */
	signature: string;
}

export type VerifyFailureReason =
	| 'missing-header'
	| 'malformed-header'
	| 'unsupported-algorithm'
	| 'client-mismatch'
	| 'stale'
	| 'bad-signature';

export type Verdict<T = object> = ({ ok: true } & T) | { ok: false; reason: VerifyFailureReason; detail: string };

/** Tolerant parser: `key=value` pairs split on commas, optional spaces, split on the first `=`. */
export function parseSignatureHeader(header: string | undefined): Verdict<{ header: ParsedSignatureHeader }> {
	if (header === undefined || header.trim() === '') {
		return { ok: false, reason: 'missing-header', detail: 'the signature header is missing' };
	}
	const fields = new Map<string, string>();
	for (const part of header.split(',')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		fields.set(part.slice(0, eq).trim().toLowerCase(), part.slice(eq + 1).trim());
	}
	const algorithm = fields.get('algorithm');
	const signature = fields.get('signature');
	if (!algorithm || !signature) {
		return { ok: false, reason: 'malformed-header', detail: 'the signature header lacks algorithm or signature' };
	}
	if (algorithm !== SIGNATURE_ALGORITHM) {
		return {
			ok: false,
			reason: 'unsupported-algorithm',
			detail: `algorithm ${algorithm.slice(0, 16)} is not ${SIGNATURE_ALGORITHM}`,
		};
	}
	const decoded = percentDecode(signature);
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(decoded)) {
		return { ok: false, reason: 'malformed-header', detail: 'the signature value is not base64' };
	}
	return { ok: true, header: { algorithm, keyVersion: fields.get('keyversion'), signature: decoded } };
}

export interface SignMessageInput extends SignedParts {
	privateKey: KeyObject;
	keyVersion?: number | string;
}

export function signMessage(input: SignMessageInput): { signature: string; header: string } {
	const signature = signContent(contentToSign(input), input.privateKey);
	return { signature, header: formatSignatureHeader(signature, input.keyVersion ?? 1) };
}

export interface VerifyMessageInput extends SignedParts {
	signatureHeader: string | undefined;
	publicKey: KeyObject;
}

export function verifyMessage(input: VerifyMessageInput): Verdict<{ keyVersion?: string }> {
	const parsed = parseSignatureHeader(input.signatureHeader);
	if (!parsed.ok) return parsed;
	if (!verifyContent(contentToSign(input), parsed.header.signature, input.publicKey)) {
		return { ok: false, reason: 'bad-signature', detail: 'the signature does not match the content and key' };
	}
	return { ok: true, keyVersion: parsed.header.keyVersion };
}

export type HeaderBag = Record<string, string | string[] | undefined>;

/** Case-insensitive header lookup (HTTP names are case-insensitive; Alipay sends lower case). */
export function getHeader(headers: HeaderBag | undefined, name: string): string | undefined {
	if (!headers) return undefined;
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== wanted || value === undefined) continue;
		return Array.isArray(value) ? value[0] : String(value);
	}
	return undefined;
}

export interface SignRequestInput {
	path: string;
	clientId: string;
	body: string;
	privateKey: KeyObject;
	keyVersion?: number | string;
	/** Milliseconds since the epoch; the current docs' Request-Time format. */
	now?: number;
}

/** Headers a merchant request carries (docs/protocol.md#the-signature-header). */
export function signRequest(input: SignRequestInput): Record<string, string> {
	const time = String(input.now ?? Date.now());
	const { header } = signMessage({ ...input, time });
	return {
		'Content-Type': 'application/json; charset=UTF-8',
		'Client-Id': input.clientId,
		'Request-Time': time,
		Signature: header,
	};
}

export interface VerifyIncomingInput {
	/** The path (+query) the sender signed: the path it called. */
	path: string;
	headers: HeaderBag;
	body: string | Buffer;
	publicKey: KeyObject;
	/** When set, the `client-id` header must equal it. */
	expectedClientId?: string;
	/** When set, `request-time` must parse and lie within this many seconds of `now`. */
	maxAgeSeconds?: number;
	now?: number;
}

/**
 * Verifies a signed request the way a receiver must: a notification (merchant side) or a merchant
 * request (gateway side). Checks run cheapest first, and nothing here throws.
 */
export function verifyIncoming(input: VerifyIncomingInput): Verdict<{ clientId: string; time: string }> {
	const clientId = getHeader(input.headers, 'client-id');
	const time = getHeader(input.headers, 'request-time');
	const signatureHeader = getHeader(input.headers, 'signature');
	if (!clientId || !time || !signatureHeader) {
		const missing = [!clientId && 'client-id', !time && 'request-time', !signatureHeader && 'signature']
			.filter(Boolean)
			.join(', ');
		return { ok: false, reason: 'missing-header', detail: `missing header: ${missing}` };
	}
	if (input.expectedClientId !== undefined && clientId.trim() !== input.expectedClientId.trim()) {
		return { ok: false, reason: 'client-mismatch', detail: 'client-id is not the configured client ID' };
	}
	if (input.maxAgeSeconds !== undefined && input.maxAgeSeconds > 0) {
		const sent = parseAlipayTime(time);
		const now = input.now ?? Date.now();
		if (sent === undefined) return { ok: false, reason: 'stale', detail: 'request-time is not a time' };
		if (Math.abs(now - sent) > input.maxAgeSeconds * 1000) {
			return { ok: false, reason: 'stale', detail: `request-time is more than ${input.maxAgeSeconds}s from now` };
		}
	}
	const verdict = verifyMessage({
		path: input.path,
		clientId,
		time,
		body: input.body,
		signatureHeader,
		publicKey: input.publicKey,
	});
	return verdict.ok ? { ok: true, clientId, time } : verdict;
}

export type ResponseVerdict = Verdict<{ signed: boolean }>;

/**
 * Response policy (docs/protocol.md#verifying-answers, as the official SDKs were fixed to do): a response with both `signature` and
 * `response-time` must verify; one with neither is accepted as unsigned (the caller must then
 * refuse it unless its result status is F or U); one with only one of the two is rejected.
 */
export function verifyResponse(input: {
	path: string;
	clientId: string;
	headers: HeaderBag;
	body: string | Buffer;
	publicKey: KeyObject;
}): ResponseVerdict {
	const signatureHeader = getHeader(input.headers, 'signature');
	const time = getHeader(input.headers, 'response-time');
	if (signatureHeader === undefined && time === undefined) return { ok: true, signed: false };
	if (signatureHeader === undefined || time === undefined) {
		return {
			ok: false,
			reason: 'malformed-header',
			detail: `the response has ${signatureHeader ? 'a signature but no response-time' : 'a response-time but no signature'}`,
		};
	}
	// Python/Go verify with the echoed client-id, Java/PHP with their own; they must agree.
	const echoed = getHeader(input.headers, 'client-id');
	if (echoed !== undefined && echoed.trim() !== input.clientId.trim()) {
		return { ok: false, reason: 'client-mismatch', detail: 'the response is for another client ID' };
	}
	const verdict = verifyMessage({ ...input, time, signatureHeader });
	return verdict.ok ? { ok: true, signed: true } : verdict;
}
