import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InquiryRefundRequest } from '../../core';
import { findByProperties, outputProperty, retryOptions } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { text, transportOptions } from '../../helpers/params';
import { amountView, defined } from '../../helpers/simplify';
import { callAlipay, createAlipayClient } from '../../transport';
import type { OperationContext } from '../node.type';

const properties: INodeProperties[] = [
	...findByProperties(
		{
			value: 'refundRequestId',
			name: 'Refund Request ID',
			description: 'The ID the refund was requested with (the only choice when the refund call got no answer)',
		},
		{
			value: 'refundId',
			name: 'Refund ID',
			description: "Alipay's ID of the refund",
		},
	),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: retryOptions,
	},
	outputProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['refund'], operation: ['get'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const findBy = this.getNodeParameter('findBy', itemIndex) as 'refundRequestId' | 'refundId';
	const request: InquiryRefundRequest = {
		[findBy]: text(this.getNodeParameter(findBy, itemIndex, '')),
	};
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const client = createAlipayClient.call(this, context.credentials, transportOptions(options));
	const { response } = await callAlipay(client, 'inquiryRefund', request);
	const raw = this.getNodeParameter('output', itemIndex, 'simplified') === 'raw';
	const json = raw
		? (response as unknown as IDataObject)
		: defined({
				refundStatus: response.refundStatus,
				refundId: response.refundId,
				refundRequestId: response.refundRequestId,
				...amountView(response.refundAmount, 'refund'),
				refundTime: response.refundTime,
			});
	return [{ json, pairedItem: { item: itemIndex } }];
}
