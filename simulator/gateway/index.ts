import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentToSign, getHeader, signMessage } from '../../nodes/Alipay/core/signature';
import { findApi, isSandboxClientId, validateRequest, type ApiName } from '../contract';
import { signMessageInBackground, signResponse } from '../signing';
import { isoTime } from '../clock';
import type { SimContext } from '../context';
import { magicAmountFault, type FaultRule } from '../faults';
import { sleep } from '../http';
import { authenticate } from './auth';
import * as payments from './payments';
import * as refunds from './refunds';
import * as registrations from './registrations';
import { failure, unknown, type ResponseBody } from './results';
import type { GatewayHandler } from './types';

/** Each family module exports exactly its APIs' handlers, named as the APIs. */
const HANDLERS: Record<ApiName, GatewayHandler> = { ...payments, ...refunds, ...registrations };

/** Fault modes that replace the answer with a signed U result (both are documented U codes of pay). */
const INJECTED_RESULTS: Partial<Record<FaultRule['mode'], string>> = {
	unknown: 'UNKNOWN_EXCEPTION',
	inProcess: 'PAYMENT_IN_PROCESS',
};

interface Answer {
	body: ResponseBody;
	/**
	 * The client ID the answer is signed for: the request's, known or not. Every answer is signed,
	 * refusals of requests the gateway could not authenticate too: Alipay's SDKs raise on an answer
	 * without a signature header, which only works against a gateway that always signs.
	 */
	clientId?: string;
	/** Authenticated: the answer is about the merchant's request (faults that rewrite answers apply). */
	authenticated?: boolean;
}

/**
 * One Alipay API call, end to end: routing, faults, authentication, validation, the handler, and
 * the signed answer. Every call is recorded for the wallet page.
 */
export async function handleGatewayRequest(ctx: SimContext, req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
	const path = req.url ?? '/';
	const found = findApi(path);
	const fault = ctx.faults.take(found?.api.name, path);
	if (ctx.config.latencyMs > 0) await sleep(ctx.config.latencyMs);
	if (fault?.mode === 'latency') await sleep(fault.latencyMs);
	if (fault && fault.timing === 'before' && applyTransportFault(fault, res, req)) {
		record(ctx, req, raw, { fault: fault.mode, endpoint: found?.api.name });
		return;
	}

	const injected = fault && INJECTED_RESULTS[fault.mode];
	const entry: Parameters<typeof record>[3] = { endpoint: found?.api.name, fault: fault?.mode };
	const sentClientId = getHeader(req.headers, 'client-id')?.trim() || undefined;
	let answer: Answer;
	if (req.method !== 'POST') {
		answer = { body: failure('METHOD_NOT_SUPPORTED'), clientId: sentClientId };
	} else if (!found) {
		answer = { body: failure('NO_INTERFACE_DEF'), clientId: sentClientId };
	} else if (!isJson(getHeader(req.headers, 'content-type'))) {
		answer = { body: failure('MEDIA_TYPE_NOT_ACCEPTABLE'), clientId: sentClientId };
	} else {
		const auth = authenticate(ctx, found, path, req.headers, raw);
		entry.verifiedContent = auth.verifiedContent;
		if (!auth.ok) {
			entry.clientId = auth.clientId;
			entry.authFailure = auth.reason;
			answer = { body: auth.answer, clientId: auth.clientId };
		} else {
			const clientId = auth.merchant.clientId;
			entry.clientId = clientId;
			const parsed = parseBody(raw);
			const magic = ctx.config.magicAmounts
				? magicAmountFault(found.api.name, parsed, (ref) => ctx.store.findPayment(clientId, ref)?.paymentAmount.value)
				: undefined;
			if (magic === 'drop') {
				req.socket.destroy();
				record(ctx, req, raw, { ...entry, fault: 'drop (magic amount)' });
				return;
			}
			const body = !ctx.rateLimiter.admit(clientId, ctx.clock.now())
				? unknown('REQUEST_TRAFFIC_EXCEED_LIMIT')
				: (injected && fault?.timing === 'before') || magic === 'unknown'
					? unknown(injected ?? 'UNKNOWN_EXCEPTION')
					: handleCall(ctx, found.api.name, isSandboxCall(ctx, found.sandbox, clientId), clientId, parsed);
			answer = { body, clientId, authenticated: true };
		}
	}

	if (fault && fault.timing === 'after' && applyTransportFault(fault, res, req)) {
		record(ctx, req, raw, { ...entry, response: answer.body });
		return;
	}
	if (injected && fault?.timing === 'after' && answer.authenticated) answer.body = unknown(injected);
	if (fault?.mode === 'otherAnswer' && answer.authenticated) answer.body = aboutAnotherRequest(answer.body);
	const text = JSON.stringify(answer.body);
	const headers = await answerHeaders(ctx, path, answer, text, fault, entry);
	res.writeHead(200, headers);
	res.end(text);
	record(ctx, req, raw, { ...entry, response: answer.body, responseText: text });
}

/** By the path (`/ams/sandbox/api`) unless `sandboxBy` says by the client ID's `SANDBOX_` prefix. */
function isSandboxCall(ctx: SimContext, sandboxPath: boolean, clientId: string): boolean {
	return ctx.config.sandboxBy === 'clientId' ? isSandboxClientId(clientId) : sandboxPath;
}

const NOT_JSON = Symbol('not JSON');

function parseBody(raw: Buffer): unknown {
	try {
		return JSON.parse(raw.toString('utf8'));
	} catch {
		return NOT_JSON;
	}
}

function handleCall(ctx: SimContext, name: ApiName, sandbox: boolean, clientId: string, body: unknown): ResponseBody {
	if (body === NOT_JSON) return failure('PARAM_ILLEGAL', 'The request body is not valid JSON.');
	const [violation] = validateRequest(name, body, { strict: ctx.config.strict });
	if (violation) return failure('PARAM_ILLEGAL', `${violation.field} ${violation.reason}`);
	return HANDLERS[name](ctx, { clientId, sandbox, body: scalarsAsText(body) as Record<string, unknown> });
}

/** Lenient mode reads a number where a string belongs as its text, so handlers see strings only. */
function scalarsAsText(value: unknown): unknown {
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return value.map(scalarsAsText);
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scalarsAsText(v)]));
	}
	return value;
}

function isJson(contentType: string | undefined): boolean {
	// Absent is tolerated; the Go SDK sends two values, which Node joins with a comma.
	return contentType === undefined || /application\/json/i.test(contentType);
}

/** HTTP 500 and dropped connections; true when the fault took the answer over. */
function applyTransportFault(fault: FaultRule, res: ServerResponse, req: IncomingMessage): boolean {
	if (fault.mode === 'http500') {
		res.writeHead(fault.status, { 'content-type': 'text/html' });
		res.end(`<html><body><h1>${fault.status} Server Error</h1></body></html>`);
		return true;
	}
	if (fault.mode === 'drop') {
		req.socket.destroy();
		return true;
	}
	return false;
}

const STALE_MS = 90 * 86_400_000;

/** The same answer about another request: each ID it echoes changed, as a proxy mixing answers up would. */
function aboutAnotherRequest(body: ResponseBody): ResponseBody {
	const other: Record<string, unknown> = { ...body };
	for (const field of ['paymentRequestId', 'paymentId', 'refundRequestId', 'refundId']) {
		if (typeof other[field] === 'string') other[field] = `${other[field] as string}0`;
	}
	return other as ResponseBody;
}

async function answerHeaders(
	ctx: SimContext,
	path: string,
	answer: Answer,
	text: string,
	fault: FaultRule | undefined,
	entry: Parameters<typeof record>[3],
): Promise<Record<string, string>> {
	if (fault?.mode === 'unsigned') {
		const plain: Record<string, string> = { 'content-type': 'application/json; charset=UTF-8' };
		return answer.clientId ? { ...plain, 'client-id': answer.clientId } : plain;
	}
	// A stale answer is signed as written 90 days ago: a replay of an old answer.
	const time = isoTime(ctx, ctx.clock.now() - (fault?.mode === 'stale' ? STALE_MS : 0));
	// A request without a Client-Id gets an answer signed over an empty one, and none echoed.
	const parts = { path, clientId: answer.clientId ?? '', body: text, privateKey: ctx.alipayPrivateKey, time };
	entry.signedContent = contentToSign(parts).toString('utf8');
	// In the thread pool: one signature per answer is most of the simulator's CPU per request.
	const headers = signResponse(parts, (await signMessageInBackground(parts)).header);
	if (!answer.clientId) delete headers['client-id'];
	if (fault?.mode === 'badSignature') {
		// A well-formed signature by the right key over other content: only verification can catch it.
		headers.signature = signMessage({ ...parts, body: `${text} ` }).header;
	}
	return headers;
}

function record(
	ctx: SimContext,
	req: IncomingMessage,
	raw: Buffer,
	entry: {
		endpoint?: string;
		clientId?: string;
		authFailure?: string;
		verifiedContent?: string;
		signedContent?: string;
		fault?: string;
		response?: ResponseBody;
		responseText?: string;
	},
): void {
	const result = entry.response?.result;
	ctx.requests.add({
		at: isoTime(ctx, ctx.clock.now()),
		method: req.method ?? '?',
		path: req.url ?? '/',
		endpoint: entry.endpoint,
		clientId: entry.clientId,
		authFailure: entry.authFailure,
		resultStatus: result?.resultStatus,
		resultCode: result?.resultCode,
		resultMessage: result?.resultMessage,
		verifiedContent: entry.verifiedContent,
		signedContent: entry.signedContent,
		fault: entry.fault,
		requestBody: raw.toString('utf8').slice(0, 8192),
		responseBody: entry.responseText?.slice(0, 8192),
	});
	const outcome = result ? `${result.resultStatus}/${result.resultCode}` : (entry.fault ?? '-');
	ctx.log(
		`${req.method ?? '?'} ${(req.url ?? '/').split('?')[0]} ${entry.clientId ?? '-'} → ${outcome}${entry.authFailure ? ` (${entry.authFailure})` : ''}${entry.fault ? ` [fault ${entry.fault}]` : ''}`,
	);
}
