import {
	NodeApiError,
	NodeOperationError,
	sleep,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type JsonObject,
} from 'n8n-workflow';
import {
	AlipayKeyError,
	AlipayResultError,
	AlipaySignatureError,
	AlipayTransportError,
	AlipayUnknownResultError,
	AlipayValidationError,
	ENDPOINTS,
	isAlipayError,
	Throttle,
	type AlipayError,
	type EndpointName,
} from '../core';
import { fieldLabel, fieldPathNote } from '../helpers/fieldLabels';
import { CREDENTIAL_TYPE } from '../transport';
import { readAlipayCredentials, type AlipayCredentials } from '../transport/credentials';
import * as merchant from './merchant/Merchant.resource';
import type { AlipayNodeMap, AlipayResource, OperationContext, OperationExecute } from './node.type';
import * as payment from './payment/Payment.resource';
import * as refund from './refund/Refund.resource';

const OPERATIONS: {
	[R in AlipayResource]: Record<AlipayNodeMap[R], { execute: OperationExecute }>;
} = {
	payment: {
		createOrderCode: payment.createOrderCode,
		get: payment.get,
		cancel: payment.cancel,
		refund: payment.refund,
		waitForResult: payment.waitForResult,
	},
	refund: { get: refund.get },
	merchant: {
		register: merchant.register,
		getRegistrationStatus: merchant.getRegistrationStatus,
		getRegistrationInfo: merchant.getRegistrationInfo,
	},
};

/** What each API is called in the node, for messages. */
const ACTION_NAMES: Record<EndpointName, string> = {
	pay: 'Create Order Code',
	inquiryPayment: 'Get Payment',
	cancel: 'Cancel Payment',
	refund: 'Refund Payment',
	inquiryRefund: 'Get Refund',
	registration: 'Register Merchant',
	inquiryRegistrationStatus: 'Get Registration Status',
	inquiryRegistrationInfo: 'Get Registration Info',
};

/**
 * The item loop: credentials are read and keys parsed once per execution, each item runs one
 * operation, and every failure becomes an n8n error here and only here, with its item index.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	// Resource and operation take no expressions, so they are the same for every item.
	const resource = this.getNodeParameter('resource', 0) as AlipayResource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const handler = (OPERATIONS[resource] as Record<string, { execute: OperationExecute }> | undefined)?.[operation];
	if (!handler) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported for ${resource}`);
	}

	let credentials: AlipayCredentials | undefined;
	let credentialProblem: unknown;
	try {
		credentials = readAlipayCredentials(await this.getCredentials(CREDENTIAL_TYPE));
	} catch (error) {
		credentialProblem = error;
	}
	if (!credentials) {
		const error = toNodeError.call(this, credentialProblem, undefined);
		if (!this.continueOnFail()) throw error;
		return [
			items.map((_, item) => ({
				json: errorJson.call(this, error, credentialProblem),
				pairedItem: { item },
			})),
		];
	}
	// Settings that work but are probably mistakes (plain http to a remote host, the China platform's
	// host, an environment that contradicts the client ID): said once per execution, not per item.
	for (const warning of credentials.gateway.warnings) this.logger.warn(`Alipay API credential: ${warning}`);
	const context: OperationContext = {
		credentials,
		runIndex: this.getWorkflowDataProxy(0).$runIndex as number,
		throttle: new Throttle(),
	};

	// Batching is read once, from the first item, as n8n's HTTP Request node reads it. A batch's
	// items are sent together and the next batch starts only when all of them are answered (retries
	// included), so at most `batchSize` requests are in flight and a slow or throttling gateway
	// slows the batches down. Items keep their index, so their request IDs do not depend on it.
	const { batchSize, batchIntervalMs } = readBatching(this.getNodeParameter('options.batching.batch', 0, {}));
	for (let start = 0; start < items.length; start += batchSize) {
		if (start > 0 && batchIntervalMs > 0) await sleep(batchIntervalMs);
		const batch = Array.from({ length: Math.min(batchSize, items.length - start) }, (_, n) => start + n);
		const outcomes = await Promise.allSettled(batch.map(async (itemIndex) => await handler.execute.call(this, itemIndex, context)));
		for (const [n, outcome] of outcomes.entries()) {
			const itemIndex = batch[n];
			if (outcome.status === 'fulfilled') {
				// Set here for every operation, so none can forget it.
				returnData.push(...outcome.value.map((item) => ({ ...item, pairedItem: { item: itemIndex } })));
				continue;
			}
			const error = toNodeError.call(this, outcome.reason, itemIndex);
			if (!this.continueOnFail()) throw error;
			returnData.push({
				json: errorJson.call(this, error, outcome.reason),
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}

/** Items per batch (1: one after another, the default) and the pause between batches. */
export function readBatching(value: unknown): { batchSize: number; batchIntervalMs: number } {
	const batch = (value ?? {}) as IDataObject;
	const size = Math.floor(Number(batch.batchSize ?? 1));
	const interval = Number(batch.batchInterval ?? 0);
	return {
		batchSize: Number.isFinite(size) && size >= 1 ? size : 1,
		batchIntervalMs: Number.isFinite(interval) && interval > 0 ? interval : 0,
	};
}

function errorJson(this: IExecuteFunctions, error: NodeApiError | NodeOperationError, cause: unknown): IDataObject {
	const alipay = isAlipayError(cause) ? cause : undefined;
	const requestIdField = alipay?.endpoint ? ENDPOINTS[alipay.endpoint].requestIdField : undefined;
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (alipay?.resultCode) json.resultCode = alipay.resultCode;
	if (alipay?.resultStatus) json.resultStatus = alipay.resultStatus;
	// An answer that cannot be trusted says nothing about whether the request was processed.
	if (alipay?.name === 'AlipayUnknownResultError' || alipay?.name === 'AlipaySignatureError') json.outcome = 'UNKNOWN';
	if (requestIdField && alipay?.requestId) json[requestIdField] = alipay.requestId;
	Object.assign(json, alipay?.ids);
	// n8n sends an item down the error output ("Continue (using error output)") only when its JSON
	// holds nothing but error, message and details; otherwise it would leave by the success output.
	if (this.getNode().onError !== 'continueErrorOutput') return json;
	const { error: message, ...details } = json;
	return { error: message, details };
}

function toNodeError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number | undefined,
): NodeApiError | NodeOperationError {
	const node = this.getNode();
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	const where = itemIndex === undefined ? '' : ` (item ${itemIndex})`;
	if (!isAlipayError(error)) {
		return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
	}
	const alipay = error;
	const action = alipay.endpoint ? ACTION_NAMES[alipay.endpoint] : 'The request';
	const requestIdField = alipay.endpoint ? ENDPOINTS[alipay.endpoint].requestIdField : undefined;
	const ids = { ...(requestIdField && alipay.requestId ? { [requestIdField]: alipay.requestId } : {}), ...alipay.ids };
	const requestIdNote = Object.entries(ids)
		.map(([field, id]) => ` ${fieldLabel(field)}: ${id}.`)
		.join('');

	switch (alipay.name) {
		case 'AlipayValidationError': {
			const { field, reason } = alipay as AlipayValidationError;
			return new NodeOperationError(node, `${fieldLabel(field)} ${reason}${where}`, {
				itemIndex,
				description: `${alipay.hint ?? `Fix ${fieldLabel(field)} and run again. Nothing was sent to Alipay.`}${fieldPathNote(field)}`,
			});
		}
		case 'AlipayKeyError':
			return new NodeOperationError(node, `${alipay.message}${where}`, {
				itemIndex,
				description:
					`${alipay.hint ?? ''} Fix it in the Alipay API credential (field: ${fieldLabel((alipay as AlipayKeyError).field)}). Nothing was sent to Alipay.`.trim(),
			});
		case 'AlipayResultError':
			return apiError.call(this, alipay as AlipayResultError, itemIndex, {
				message: `${action} was refused by Alipay: ${alipay.resultCode}${alipay.resultMessage ? ` (${alipay.resultMessage})` : ''}${where}`,
				description: `${alipay.hint ?? ''}${requestIdNote}`.trim(),
			});
		case 'AlipayUnknownResultError': {
			const unknown = alipay as AlipayUnknownResultError;
			// An unsigned refusal keeps its code in view: it is usually a real one (a wrong key), only unproven.
			const refusal = unknown.resultStatus === 'F' ? ` (unsigned ${unknown.resultCode})` : '';
			return apiError.call(this, unknown, itemIndex, {
				message: `${action}: outcome unknown after ${unknown.attempts} attempt${unknown.attempts === 1 ? '' : 's'}${refusal}, treat it as pending${where}`,
				description: `${unknown.message}. ${unknown.hint ?? ''}${requestIdNote}`.trim(),
			});
		}
		case 'AlipaySignatureError':
			return apiError.call(this, alipay as AlipaySignatureError, itemIndex, {
				message: `${action}: ${alipay.message}, so the outcome is unknown${where}`,
				description: `${alipay.hint ?? ''}${requestIdNote}`.trim(),
			});
		case 'AlipayTransportError':
			return apiError.call(this, alipay as AlipayTransportError, itemIndex, {
				message: `${action}: ${alipay.message}${where}`,
				description: `${alipay.hint ?? ''}${requestIdNote}`.trim(),
				httpCode: (alipay as AlipayTransportError).httpStatus,
			});
		default:
			return new NodeOperationError(node, `${alipay.message}${where}`, {
				itemIndex,
				description: alipay.hint,
			});
	}
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
