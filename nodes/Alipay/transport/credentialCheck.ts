import type { ICredentialDataDecryptedObject, IHttpRequestHelper } from 'n8n-workflow';
import {
	AlipayClient,
	AlipayKeyError,
	AlipaySignatureError,
	AlipayValidationError,
	canonicalResultCode,
	fieldLabel,
	getHeader,
	isAlipayError,
	PLAIN_HTTP_WARNING,
	RESULT_HINTS,
	type AlipayError,
	type RawResponse,
} from '../core';
import { readAlipayCredentials, signGatewayRequest } from './credentials';
import { DEFAULT_TIMEOUT_MS, gatewayRequestOptions, rawResponseOf } from './index';

/**
 * The credential test's proof of both keys. n8n's declarative test only compares the answer's body
 * with fixed values, which any server can produce; this probe sends a signed inquiry the way the
 * node does (same gateway resolution, same signing, n8n's own request helper) and checks what only
 * Alipay can do: sign the answer with the key in Alipay Public Key. Every failure is a sentence
 * that names the credential field to fix, since n8n shows only the message.
 */

/** A payment request ID no merchant uses: the probe asks for a payment that cannot exist. */
export const PROBE_PAYMENT_REQUEST_ID = 'n8n-credential-test-0000000000000000';

/**
 * Refusals that mean the credential cannot be used, and the credential field each one points at. The gateway
 * signs them like any answer; an unsigned one (a gateway that does not sign its refusals, or
 * anything between) is still the likeliest explanation, so it names the field too.
 */
const CREDENTIAL_REFUSALS: Record<string, string> = {
	INVALID_SIGNATURE: 'privateKey',
	CLIENT_INVALID: 'clientId',
	KEY_NOT_FOUND: 'keyVersion',
	ACCESS_DENIED: 'clientId',
	INVALID_API: 'clientId',
	NO_INTERFACE_DEF: 'environment',
};

export class CredentialCheckError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(`${field}: ${message}`);
		this.name = 'CredentialCheckError';
	}
}

export async function checkCredential(this: IHttpRequestHelper, data: ICredentialDataDecryptedObject): Promise<void> {
	let credentials;
	try {
		credentials = readAlipayCredentials(data);
	} catch (error) {
		throw localProblem(error);
	}
	const gatewayField = fieldLabel(data.gateway === 'custom' ? 'customBaseUrl' : 'gateway');
	if (credentials.gateway.warnings.includes(PLAIN_HTTP_WARNING)) {
		throw new CredentialCheckError(gatewayField, `${PLAIN_HTTP_WARNING} Nothing was sent.`);
	}

	let raw: RawResponse | undefined;
	const client = new AlipayClient({
		clientId: credentials.clientId,
		alipayPublicKey: credentials.alipayPublicKey,
		baseUrl: credentials.gateway.baseUrl,
		sandbox: credentials.gateway.sandbox,
		retry: { attempts: 1, delaysMs: [] },
		send: async (request) => {
			const options = signGatewayRequest(data, gatewayRequestOptions(credentials.gateway.baseUrl, request, DEFAULT_TIMEOUT_MS));
			raw = rawResponseOf(await this.helpers.httpRequest(options));
			return raw;
		},
	});
	try {
		await client.call('inquiryPayment', { paymentRequestId: PROBE_PAYMENT_REQUEST_ID });
	} catch (error) {
		const problem = answerProblem(error, raw, gatewayField);
		if (problem) throw problem;
	}
}

/** A key or setting that is wrong before anything is sent. */
function localProblem(error: unknown): Error {
	if (error instanceof AlipayValidationError) {
		return new CredentialCheckError(fieldLabel(error.field), `${error.reason}.${error.hint ? ` ${error.hint}` : ''}`);
	}
	if (error instanceof AlipayKeyError) return new Error(`${error.message}. ${error.hint}`);
	return error instanceof Error ? error : new Error(String(error));
}

/** What the answer (or its absence) says is wrong; undefined when it proves both keys. */
function answerProblem(error: unknown, raw: RawResponse | undefined, gatewayField: string): Error | undefined {
	if (!isAlipayError(error)) return error instanceof Error ? error : new Error(String(error));
	if (error instanceof AlipayKeyError) return localProblem(error);
	if (raw === undefined) {
		// The cause's code only: an address in a network error message could be anything the user typed.
		const code = networkCode(error);
		return new CredentialCheckError(gatewayField, `no answer${code ? ` (${code})` : ''}. Check the address and that n8n can reach it.`);
	}
	if (raw.status !== 200) {
		return new CredentialCheckError(gatewayField, `the address answered HTTP ${raw.status}, which Alipay's gateway never does. It is not an Alipay gateway; check the address.`);
	}
	if (error instanceof AlipaySignatureError) {
		if (error.reason === 'bad-signature') {
			return new CredentialCheckError(
				fieldLabel('alipayPublicKey'),
				"the gateway's answer is signed, but not with this key. Paste the Alipay public key Antom Dashboard shows for this client ID (Developer → Quick start → Integration resources), not your own public key.",
			);
		}
		return new CredentialCheckError(gatewayField, `the answer's signature is broken (${error.message.replace(/^.*: /, '')}), so it does not come from Alipay's gateway. Check the address, and proxies between n8n and Alipay.`);
	}
	const code = canonicalResultCode((error as AlipayError).resultCode ?? '');
	const field = CREDENTIAL_REFUSALS[code];
	if (field) return new CredentialCheckError(fieldLabel(field), RESULT_HINTS[code]);
	if (getHeader(raw.headers, 'signature') === undefined) {
		return new CredentialCheckError(gatewayField, "the answer is not signed, so it does not come from an Alipay gateway (Alipay signs every answer). Check the address.");
	}
	// A verified signature on any other answer (the probe's ORDER_NOT_EXIST) proves both keys.
	return undefined;
}

function networkCode(error: AlipayError): string | undefined {
	let cause = (error as { cause?: unknown }).cause;
	for (let depth = 0; depth < 4 && cause; depth++) {
		const code = (cause as { code?: unknown }).code;
		if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
		cause = (cause as { cause?: unknown }).cause;
	}
	return undefined;
}
