import { sleep, type INodeProperties } from 'n8n-workflow';
import { AlipayResultError, type InquiryRefundRequest } from '../../core';
import { batchingOption, findByProperties, optionsCollection, outputProperty, retryOptions } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { readFindBy } from '../../helpers/findBy';
import { amountView, withoutUndefined } from '../../helpers/simplify';
import { callAndOutput } from '../callAndOutput';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [
	...findByProperties(
		{
			value: 'refundId',
			name: 'Refund ID',
			description: "Alipay's ID of the refund, as Refund outputs it",
		},
		{
			value: 'refundRequestId',
			name: 'Refund Request ID',
			description: 'The ID the refund was requested with (the only choice when the refund call got no answer)',
		},
	),
	optionsCollection([
		batchingOption,
		...retryOptions,
		{
			displayName: 'Not Found Retries',
			name: 'notFoundRetries',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10, numberPrecision: 0 },
			default: 3,
			description:
				'How often to ask again when Alipay answers ORDER_NOT_EXIST, as Alipay advises for a refund just requested; after the last one the item fails with ORDER_NOT_EXIST',
		},
		{
			displayName: 'Not Found Retry Delay (Seconds)',
			name: 'notFoundRetryDelaySeconds',
			type: 'number',
			typeOptions: { minValue: 0, numberPrecision: 2 },
			default: 15,
			description: 'Wait before each of those retries; Alipay advises 15 seconds',
		},
	]),
	outputProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['refund'], operation: ['get'] } }, properties);

/** The API this operation calls. */
export const endpoint = 'inquiryRefund' as const;

export const execute: OperationExecute = async function (itemIndex, context) {
	const request = readFindBy<InquiryRefundRequest>(context.parameters, itemIndex);
	// Each option on its own, so Batching's expressions are not evaluated again for every item.
	const retries = Number(context.parameters.read('options.notFoundRetries', itemIndex, null) ?? 3);
	const delayMs = Number(context.parameters.read('options.notFoundRetryDelaySeconds', itemIndex, null) ?? 15) * 1000;
	for (let attempt = 0; ; attempt++) {
		const outcome = await callAndOutput(this, itemIndex, context, endpoint, request, (response) =>
			withoutUndefined({
				refundStatus: response.refundStatus,
				refundId: response.refundId,
				refundRequestId: response.refundRequestId,
				...amountView(response.refundAmount, 'refund'),
				refundTime: response.refundTime,
			}),
		).then(
			(items) => ({ items }),
			(refusal: unknown) => ({ refusal }),
		);
		if ('items' in outcome) return outcome.items;
		// Alipay's inquiryRefund page: a refund may not be found at first; ask again after 15 s,
		// and only after three retries conclude it was probably never created.
		const notFound = outcome.refusal instanceof AlipayResultError && outcome.refusal.resultCode === 'ORDER_NOT_EXIST';
		if (!notFound || attempt >= retries) throw outcome.refusal;
		await sleep(delayMs);
	}
};
