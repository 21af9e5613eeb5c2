import {
	sleep,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type IN8nHttpFullResponse,
} from 'n8n-workflow';
import { AlipayClient, isAlipayError, type OutgoingRequest, type RawResponse, type RetryPolicy, type Throttle } from '../core';
import { CREDENTIAL_CHECK_FIELD, type AlipayCredentials } from './credentials';

export const CREDENTIAL_TYPE = 'alipayApi';

/** Alipay's SDKs wait 15 s; a request cut off here is retried with the same request ID. */
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface TransportOptions {
	retry: RetryPolicy;
	timeoutMs: number;
	/** One per execution, so the items of a batch back off together when Alipay rate limits. */
	throttle?: Throttle;
}

/**
 * The one place this package talks to Alipay. The core's client serialises the body once,
 * verifies every response signature and retries unknown outcomes with the same body; this
 * module only lends it n8n's request path. Signing happens in the credential's `authenticate`,
 * over the exact body string given here.
 */
export function createAlipayClient(
	this: IExecuteFunctions,
	credentials: AlipayCredentials,
	options: TransportOptions,
): AlipayClient {
	const credential = this.getNode().credentials?.[CREDENTIAL_TYPE];
	return new AlipayClient({
		clientId: credentials.clientId,
		alipayPublicKey: credentials.alipayPublicKey,
		baseUrl: credentials.gateway.baseUrl,
		sandbox: credentials.gateway.sandbox,
		retry: options.retry,
		throttle: options.throttle,
		sleep,
		send: async (request): Promise<RawResponse> => {
			let response: IN8nHttpFullResponse | undefined;
			let failure: unknown;
			try {
				response = (await this.helpers.httpRequestWithAuthentication.call(
					this,
					CREDENTIAL_TYPE,
					gatewayRequestOptions(credentials.gateway.baseUrl, request, options.timeoutMs),
					// Read once per execution by the router: without it n8n loads and decrypts the
					// credential again for every request (a database read per item). The credential
					// test's probe is marked done, so n8n does not run it before every request.
					{
						credentialsDecrypted: {
							id: credential?.id ?? '',
							name: credential?.name ?? '',
							type: CREDENTIAL_TYPE,
							data: { ...credentials.stored, [CREDENTIAL_CHECK_FIELD]: 'not in workflow runs' },
						},
					},
				)) as IN8nHttpFullResponse;
			} catch (error) {
				failure = error;
			}
			if (response === undefined) throw unwrapAuthenticationError(failure);
			return rawResponseOf(response);
		},
	});
}

/**
 * What n8n sends for one attempt: the body exactly as the client serialised it (the credential
 * signs that string), the answer as text, whatever its HTTP status, so its signature can be checked.
 */
export function gatewayRequestOptions(baseUrl: string, request: OutgoingRequest, timeoutMs: number): IHttpRequestOptions {
	return {
		method: 'POST',
		baseURL: baseUrl,
		url: request.path,
		body: request.body,
		headers: request.headers,
		returnFullResponse: true,
		encoding: 'text',
		ignoreHttpStatusErrors: true,
		json: false,
		timeout: timeoutMs,
	} as IHttpRequestOptions;
}

export function rawResponseOf(response: IN8nHttpFullResponse): RawResponse {
	return {
		status: response.statusCode,
		headers: response.headers as RawResponse['headers'],
		body: typeof response.body === 'string' ? response.body : String(response.body ?? ''),
	};
}

/**
 * n8n wraps whatever `authenticate` throws in a NodeApiError; a key problem found there must stay
 * a key problem (not a retryable network failure), so its original error is handed back.
 */
function unwrapAuthenticationError(error: unknown): unknown {
	const cause = (error as { cause?: unknown } | undefined)?.cause;
	return isAlipayError(cause) ? cause : error;
}
