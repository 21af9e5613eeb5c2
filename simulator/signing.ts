import { sign, type KeyObject } from 'node:crypto';
import { contentToSign, formatSignatureHeader, signMessage, type SignMessageInput } from '../nodes/Alipay/core/signature';

/**
 * The gateway's side of Alipay's message signature: the headers of a signed answer and of a
 * notification. Built on the core's signing primitive (pinned by independent vectors); the nodes
 * only verify these, so they live here, beside the fake gateway that writes them.
 */

export interface SignGatewayMessageInput {
	path: string;
	clientId: string;
	body: string;
	privateKey: KeyObject;
	/** The ISO-8601 time string to put in the header, verbatim. */
	time: string;
	keyVersion?: number | string;
}

/** Headers of a gateway response: lower-case names, as the real gateway sends. */
export function signResponse(
	input: SignGatewayMessageInput,
	/** Already made (signMessageInBackground); otherwise made here. */
	signatureHeader = signMessage(input).header,
): Record<string, string> {
	return {
		'content-type': 'application/json; charset=UTF-8',
		'client-id': input.clientId,
		'response-time': input.time,
		signature: signatureHeader,
	};
}

/** Headers of a notification: like a response, but the time is `request-time`. */
export function signNotification(input: SignGatewayMessageInput): Record<string, string> {
	return {
		'content-type': 'application/json; charset=UTF-8',
		'client-id': input.clientId,
		'request-time': input.time,
		signature: signMessage(input).header,
	};
}

/**
 * signMessage with the RSA work in libuv's thread pool, for a server: its event loop goes on
 * reading and answering other requests meanwhile, and a second core can sign. The same bytes as
 * signMessage (PKCS#1 v1.5 signatures are deterministic). Only the simulator signs answers, so
 * this lives here rather than in the shipped core.
 */
export async function signMessageInBackground(input: SignMessageInput): Promise<{ signature: string; header: string }> {
	const signature = await new Promise<string>((resolve, reject) =>
		sign('sha256', contentToSign(input), input.privateKey, (error, bytes) =>
			error ? reject(error) : resolve(bytes.toString('base64')),
		),
	);
	return { signature, header: formatSignatureHeader(signature, input.keyVersion ?? 1) };
}
