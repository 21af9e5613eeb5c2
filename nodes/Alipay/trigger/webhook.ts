import {
	NodeOperationError,
	type IDataObject,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';
import {
	AlipayValidationError,
	fieldLabel,
	fieldPathNote,
	getHeader,
	isAlipayError,
	NOTIFICATION_ACK,
	verifyIncoming,
} from '../core';
import { withoutUndefined } from '../helpers/simplify';
import { CREDENTIAL_TYPE } from '../transport';
import { readAlipayCredentials, type AlipayCredentials } from '../transport/credentials';
import { NotificationMemory } from './dedupe';
import { describeNotification, parseNotificationBody, type DescribedNotification } from './notification';
import { ACKNOWLEDGEMENT_FIELD, DEFAULT_MAX_AGE_SECONDS } from './properties';
import { sendAcknowledgement, sendRejection, type NotificationResponse } from './respond';
import {
	rawBodyOf,
	receivedPath,
	signedPath,
	webhookKindOf,
	type NotificationRequest,
} from './request';

interface TriggerOptions {
	maxAgeSeconds?: number;
	paymentSignedPath?: string;
	registrationSignedPath?: string;
}

async function alipayCredentials(context: IWebhookFunctions): Promise<AlipayCredentials> {
	const data = await context.getCredentials(CREDENTIAL_TYPE);
	let failure: Error | undefined;
	try {
		return readAlipayCredentials(data);
	} catch (error) {
		failure = error as Error;
	}
	// A broken credential fails every notification: surface it as a failed execution with the fix,
	// naming the credential field as the form shows it (as the Alipay node does).
	const field = failure instanceof AlipayValidationError ? failure.field : undefined;
	const message = field ? `${fieldLabel(field)} ${(failure as AlipayValidationError).reason}` : failure.message;
	const hint = isAlipayError(failure) ? failure.hint : undefined;
	throw new NodeOperationError(context.getNode(), message, {
		description: field ? `${hint ?? ''}${fieldPathNote(field)}`.trim() : hint,
	});
}

/**
 * Only the headers the signature covers: client ID and request time. Anything else in the request
 * (the key version in the signature header, the content type) could have been changed by anyone on
 * the way, so a workflow never sees it as if Alipay had said it.
 */
function verifiedHeaders(req: NotificationRequest): IDataObject {
	return {
		'client-id': getHeader(req.headers, 'client-id'),
		'request-time': getHeader(req.headers, 'request-time'),
	};
}

function outputItem(
	notification: DescribedNotification,
	receivedOn: string,
	req: NotificationRequest,
	body: IDataObject,
	rawBody: Buffer,
): IDataObject {
	return {
		kind: notification.kind,
		event: notification.event,
		status: notification.status,
		notificationKey: notification.key,
		identity: { ...notification.identity },
		...withoutUndefined(notification.fields as IDataObject),
		receivedOn,
		receivedAt: new Date().toISOString(),
		headers: verifiedHeaders(req),
		body,
		rawBody: rawBody.toString('utf8'),
	};
}

/**
 * Verify, classify, filter, deduplicate, acknowledge, in that order. Every answer except the
 * "after the workflow succeeds" one is written here, so none of them is n8n's `firstEntryJson`.
 */
export async function handleNotification(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const req = this.getRequestObject() as unknown as NotificationRequest;
	const res = this.getResponseObject() as unknown as NotificationResponse;
	const path = receivedPath(req);
	const receivedOn = webhookKindOf(path);
	if (receivedOn === undefined) {
		sendRejection(res, 404, 'unknown-path', 'the URL must end in /payment or /registration');
		return { noWebhookResponse: true };
	}

	const options = this.getNodeParameter('options', {}) as TriggerOptions;
	const credentials = await alipayCredentials(this);
	const rawBody = await rawBodyOf(req);
	// Replays are refused by age unless the user turned the limit off with 0.
	const verdict = verifyIncoming({
		path: signedPath(path, receivedOn === 'payment' ? options.paymentSignedPath : options.registrationSignedPath),
		headers: req.headers,
		body: rawBody,
		publicKey: credentials.alipayPublicKey,
		expectedClientId: credentials.clientId,
		maxAgeSeconds: options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS,
	});
	if (!verdict.ok) {
		this.logger.warn(`Alipay Trigger rejected a ${receivedOn} notification: ${verdict.reason} (${verdict.detail})`);
		sendRejection(res, 401, verdict.reason, verdict.detail);
		return { noWebhookResponse: true };
	}

	const body = parseNotificationBody(rawBody);
	if (body === undefined) {
		sendRejection(res, 400, 'malformed-body', 'the signed body is not a JSON object');
		return { noWebhookResponse: true };
	}
	const notification = describeNotification(receivedOn, body);
	const events = this.getNodeParameter('events', []) as string[];
	if (!events.includes(notification.event)) {
		sendAcknowledgement(res);
		return { noWebhookResponse: true };
	}

	const item = outputItem(notification, receivedOn, req, body as IDataObject, rawBody);
	if (this.getNodeParameter('acknowledge', 'immediately') === 'afterWorkflowSucceeds') {
		// n8n answers when the run ends; no memory, since a resend after a failed run must run again.
		return { workflowData: [[{ json: { ...item, [ACKNOWLEDGEMENT_FIELD]: { result: { ...NOTIFICATION_ACK.result } } } }]] };
	}

	// Test URLs never deduplicate, so a user can resend the same test notification.
	const deduplicate = this.getMode() !== 'manual' && (this.getNodeParameter('skipDuplicates', true) as boolean);
	if (deduplicate && notification.key !== undefined) {
		const memory = new NotificationMemory(this.getWorkflowStaticData('node'));
		if (memory.has(notification.key)) {
			sendAcknowledgement(res);
			return { noWebhookResponse: true };
		}
		memory.remember(notification.key);
	}
	sendAcknowledgement(res);
	return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
}
