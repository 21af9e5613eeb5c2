import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { RefundRequest } from '../../core';
import {
	additionalBodyJsonField,
	additionalFieldsCollection,
	amountUnitOption,
	batchingOption,
	currencyField,
	optionsCollection,
	outputProperty,
	retryOptions,
} from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { type AmountUnit, text, toWireAmount, withAdditionalBody } from '../../helpers/params';
import { defaultRequestId } from '../../helpers/requestId';
import { amountView, withoutUndefined } from '../../helpers/simplify';
import { callAndOutput } from '../callAndOutput';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [
	{
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		default: '',
		required: true,
		description: "Alipay's ID of the paid payment to refund",
	},
	{
		displayName: 'Refund Amount',
		name: 'refundAmount',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 4.50',
		description:
			'How much to give back, at most what is left of the payment; major units unless Options → Amount Unit is Minor Units',
	},
	currencyField('Currency of the payment (ISO 4217)'),
	additionalFieldsCollection([
		additionalBodyJsonField,
		{
			displayName: 'Reference Refund ID',
			name: 'referenceRefundId',
			type: 'string',
			default: '',
			description: 'Your own refund reference',
		},
		{
			displayName: 'Refund Reason',
			name: 'refundReason',
			type: 'string',
			default: '',
			description: 'Shown to the customer (max 256 characters)',
		},
		{
			displayName: 'Refund Request ID',
			name: 'refundRequestId',
			type: 'string',
			default: '',
			description:
				'Your unique ID for this refund (letters, digits, _ and -, max 64). Leave empty to use one derived from the execution and item, which stays the same when n8n retries the node or the execution, so neither refunds twice.',
		},
	]),
	optionsCollection([amountUnitOption, batchingOption, ...retryOptions]),
	outputProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['refund'] } }, properties);

/** The API this operation calls. */
export const endpoint = 'refund' as const;

export const execute: OperationExecute = async function (itemIndex, context) {
	const additional = context.parameters.read('additionalFields', itemIndex, {}) as IDataObject;
	const options = context.parameters.read('options', itemIndex, {}) as IDataObject;
	const refundAmount = toWireAmount(
		context.parameters.read('refundAmount', itemIndex, ''),
		context.parameters.read('currency', itemIndex, ''),
		(options.amountUnit as AmountUnit) ?? 'major',
		'refundAmount',
	);
	const request = withAdditionalBody<RefundRequest>(
		{
			refundRequestId:
				text(additional.refundRequestId) ?? defaultRequestId.call(this, 'refundRequestId', itemIndex, context.runIndex),
			paymentId: text(context.parameters.read('paymentId', itemIndex, '')),
			refundAmount,
			referenceRefundId: text(additional.referenceRefundId),
			refundReason: text(additional.refundReason),
		},
		additional,
	);

	return await callAndOutput(this, itemIndex, context, endpoint, request, (response) =>
		withoutUndefined({
			refundId: response.refundId,
			refundRequestId: response.refundRequestId ?? request.refundRequestId,
			paymentId: response.paymentId ?? request.paymentId,
			...amountView(response.refundAmount ?? request.refundAmount, 'refund'),
			refundTime: response.refundTime,
			// S is success for a synchronous refund and "accepted" for an asynchronous one (docs/protocol.md#what-s-means-per-api).
			refundStatus: response.refundTime ? 'SUCCESS' : 'ACCEPTED',
		}),
	);
};
