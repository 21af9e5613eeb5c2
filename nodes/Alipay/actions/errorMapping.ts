import {
	NodeApiError,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type JsonObject,
} from 'n8n-workflow';
import {
	ENDPOINTS,
	fieldLabel,
	fieldPathNote,
	isAlipayError,
	type AlipayError,
	type AlipayKeyError,
	type AlipayResultError,
	type AlipaySignatureError,
	type AlipayTransportError,
	type AlipayUnknownResultError,
	type AlipayValidationError,
} from '../core';
import { ACTION_NAMES } from './operations';

/**
 * The one place a failure becomes what n8n shows: an n8n error naming the field or the API, the
 * fix and the IDs to look the request up with, and, under Continue On Fail, the item's error JSON.
 */

export type NodeError = NodeApiError | NodeOperationError;

export function toNodeError(this: IExecuteFunctions, error: unknown, itemIndex: number | undefined): NodeError {
	const node = this.getNode();
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const itemNote = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
	if (!isAlipayError(error)) {
		return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
	}
	const alipay = error;
	const action = (alipay.endpoint && ACTION_NAMES[alipay.endpoint]) ?? 'The request';
	const requestIdNote = Object.entries(idsOf(alipay))
		.map(([field, id]) => ` ${fieldLabel(field)}: ${id}.`)
		.join('');

	switch (alipay.name) {
		case 'AlipayValidationError': {
			const { field, reason } = alipay as AlipayValidationError;
			return new NodeOperationError(node, `${fieldLabel(field)} ${reason}${itemNote}`, {
				itemIndex,
				description: `${alipay.hint ?? `Fix ${fieldLabel(field)} and run again. Nothing was sent to Alipay.`}${fieldPathNote(field)}`,
			});
		}
		case 'AlipayKeyError':
			return new NodeOperationError(node, `${alipay.message}${itemNote}`, {
				itemIndex,
				description:
					`${alipay.hint ?? ''} Fix it in the Alipay API credential (field: ${fieldLabel((alipay as AlipayKeyError).field)}). Nothing was sent to Alipay.`.trim(),
			});
		case 'AlipayResultError':
			return apiError.call(this, alipay as AlipayResultError, itemIndex, {
				message: `${action} was refused by Alipay: ${alipay.resultCode}${alipay.resultMessage ? ` (${alipay.resultMessage})` : ''}${itemNote}`,
				description: `${alipay.hint ?? ''}${requestIdNote}`.trim(),
			});
		case 'AlipayUnknownResultError': {
			const unknown = alipay as AlipayUnknownResultError;
			// An unsigned refusal keeps its code in view: it is usually a real one (a wrong key), only unproven.
			const refusal = unknown.resultStatus === 'F' ? ` (unsigned ${unknown.resultCode})` : '';
			return apiError.call(this, unknown, itemIndex, {
				message: `${action}: outcome unknown after ${unknown.attempts} attempt${unknown.attempts === 1 ? '' : 's'}${refusal}, treat it as pending${itemNote}`,
				description: `${unknown.message}. ${unknown.hint ?? ''}${requestIdNote}`.trim(),
			});
		}
		case 'AlipaySignatureError':
			return apiError.call(this, alipay as AlipaySignatureError, itemIndex, {
				message: `${action}: ${alipay.message}, so the outcome is unknown${itemNote}`,
				description: `${alipay.hint ?? ''}${requestIdNote}`.trim(),
			});
		case 'AlipayTransportError':
			return apiError.call(this, alipay as AlipayTransportError, itemIndex, {
				message: `${action}: ${alipay.message}${itemNote}`,
				description: `${alipay.hint ?? ''}${requestIdNote}`.trim(),
				httpCode: (alipay as AlipayTransportError).httpStatus,
			});
		default:
			return new NodeOperationError(node, `${alipay.message}${itemNote}`, {
				itemIndex,
				description: alipay.hint,
			});
	}
}

/** The JSON of a failed item under Continue On Fail: the message, the fix, Alipay's result and the IDs. */
export function errorItemJson(this: IExecuteFunctions, error: NodeError, cause: unknown): IDataObject {
	const alipay = isAlipayError(cause) ? cause : undefined;
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (alipay?.resultCode) json.resultCode = alipay.resultCode;
	if (alipay?.resultStatus) json.resultStatus = alipay.resultStatus;
	// An answer that cannot be trusted says nothing about whether the request was processed.
	if (alipay?.name === 'AlipayUnknownResultError' || alipay?.name === 'AlipaySignatureError') json.outcome = 'UNKNOWN';
	if (alipay) Object.assign(json, idsOf(alipay));
	// n8n sends an item down the error output ("Continue (using error output)") only when its JSON
	// holds nothing but error, message and details; otherwise it would leave by the success output.
	if (this.getNode().onError !== 'continueErrorOutput') return json;
	const { error: message, ...details } = json;
	return { error: message, details };
}

/** The request ID under its API's field name (`paymentRequestId`, ...), then the IDs the error carries. */
function idsOf(error: AlipayError): Record<string, string> {
	const requestIdField = error.endpoint ? ENDPOINTS[error.endpoint].requestIdField : undefined;
	return { ...(requestIdField && error.requestId ? { [requestIdField]: error.requestId } : {}), ...error.ids };
}

/** A NodeApiError carrying only Alipay's result (never request headers, signatures or keys). */
function apiError(
	this: IExecuteFunctions,
	error: AlipayError,
	itemIndex: number | undefined,
	details: { message: string; description: string; httpCode?: number },
): NodeApiError {
	const context: JsonObject = {};
	for (const [key, value] of Object.entries({
		resultCode: error.resultCode,
		resultStatus: error.resultStatus,
		resultMessage: error.resultMessage,
		requestId: error.requestId,
		path: error.path,
		...error.ids,
	})) {
		if (value !== undefined) context[key] = value;
	}
	return new NodeApiError(this.getNode(), context, {
		itemIndex,
		message: details.message,
		description: details.description,
		httpCode: details.httpCode === undefined ? undefined : String(details.httpCode),
	});
}
