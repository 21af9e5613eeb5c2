import {
	contentToSign,
	getHeader,
	parseSignatureHeader,
	verifyIncoming,
	type HeaderBag,
} from '../../nodes/Alipay/core/signature';
import { isSandboxClientId, type ApiContract } from '../contract';
import type { KnownMerchant, SimContext } from '../context';
import { failure, type ResponseBody } from './results';

export type AuthOutcome =
	| { ok: true; merchant: KnownMerchant; verifiedContent: string }
	| { ok: false; answer: ResponseBody; clientId?: string; reason: string; verifiedContent?: string };

/**
 * Authenticates a merchant request as Alipay's gateway does: client ID, key version, then the
 * signature over `POST <path as sent>\n<Client-Id>.<Request-Time>.<raw body>`. Failures are
 * answered like every other answer, signed with the gateway's key for the client ID sent.
 */
export function authenticate(
	ctx: SimContext,
	{ api, sandbox }: { api: ApiContract; sandbox: boolean },
	path: string,
	headers: HeaderBag,
	body: Buffer,
): AuthOutcome {
	const clientId = getHeader(headers, 'client-id')?.trim();
	if (!clientId) {
		return { ok: false, answer: failure('PARAM_ILLEGAL', 'The Client-Id header is required.'), reason: 'no client-id' };
	}
	// The two API families spell this code differently (CLIENT_INVALID, INVALID_CLIENT).
	const clientCode = api.family === 'registration' ? 'INVALID_CLIENT' : 'CLIENT_INVALID';
	const merchant = ctx.merchants.get(clientId);
	if (!merchant) return { ok: false, answer: failure(clientCode), clientId, reason: 'unknown client ID' };
	if (ctx.config.enforceEnvironment && isSandboxClientId(clientId) !== sandbox) {
		const where = sandbox ? 'a production client ID on the sandbox path' : 'a SANDBOX_ client ID on the production path';
		return { ok: false, answer: failure(clientCode, `The client ID is unknown here: ${where}.`), clientId, reason: where };
	}
	const time = getHeader(headers, 'request-time');
	if (!time) {
		return {
			ok: false,
			answer: failure('PARAM_ILLEGAL', 'The Request-Time header is required.'),
			clientId,
			reason: 'no request-time',
		};
	}
	const verifiedContent = contentToSign({ path, clientId, time, body }).toString('utf8');
	const signatureCode = ctx.config.signatureErrorCode;
	const parsed = parseSignatureHeader(getHeader(headers, 'signature'));
	if (!parsed.ok) {
		return { ok: false, answer: failure(signatureCode), clientId, reason: parsed.detail, verifiedContent };
	}
	const keyVersion = parsed.header.keyVersion;
	if (keyVersion !== undefined && keyVersion !== merchant.keyVersion) {
		return {
			ok: false,
			answer: failure('KEY_NOT_FOUND', `No key version ${keyVersion.slice(0, 8)} is registered for this client ID.`),
			clientId,
			reason: `key version ${keyVersion.slice(0, 8)} unknown`,
			verifiedContent,
		};
	}
	const verdict = verifyIncoming({
		path,
		headers,
		body,
		publicKey: merchant.publicKey,
		maxAgeSeconds: ctx.config.maxRequestAgeSeconds,
		// The merchant stamps Request-Time with its wall clock; advancing the simulated clock must not make it stale.
		now: Date.now(),
	});
	if (!verdict.ok) {
		const answer =
			verdict.reason === 'stale'
				? failure('PARAM_ILLEGAL', `Request-Time: ${verdict.detail}.`)
				: failure(signatureCode);
		return { ok: false, answer, clientId, reason: verdict.detail, verifiedContent };
	}
	return { ok: true, merchant, verifiedContent };
}
