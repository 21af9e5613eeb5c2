import { NOTIFICATION_ACK } from '../core';

/**
 * The trigger writes its HTTP answers itself (and then returns `noWebhookResponse`): n8n's own
 * answer would be the text `firstEntryJson` for a trigger that also starts a workflow, and only
 * this path makes n8n save the duplicate memory (docs/queue-mode.md).
 */

/** The subset of express's Response (and node's ServerResponse) used here. */
export interface NotificationResponse {
	statusCode: number;
	setHeader(name: string, value: string): unknown;
	end(body: string): unknown;
}

/** Exactly the bytes Alipay treats as delivered (docs/protocol.md#notifications). */
export const ACK_BODY = JSON.stringify(NOTIFICATION_ACK);

const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';

function sendJson(res: NotificationResponse, status: number, body: string): void {
	res.statusCode = status;
	res.setHeader('Content-Type', JSON_CONTENT_TYPE);
	res.end(body);
}

export function sendAcknowledgement(res: NotificationResponse): void {
	sendJson(res, 200, ACK_BODY);
}

/**
 * Any non-acknowledgement makes Alipay resend later, which is right for a notification we could
 * not check. The reason is short and carries no key, signature or signed content.
 */
export function sendRejection(res: NotificationResponse, status: number, reason: string, detail: string): void {
	sendJson(res, status, JSON.stringify({ message: 'Alipay notification rejected', reason, detail }));
}
