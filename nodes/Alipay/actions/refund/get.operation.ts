import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InquiryRefundRequest } from '../../core';
import { findByProperties, outputProperty, retryOptionsCollection } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { text } from '../../helpers/params';
import { amountView, defined } from '../../helpers/simplify';
import { callAndOutput } from '../callAndOutput';
import type { OperationContext } from '../node.type';

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
	retryOptionsCollection,
	outputProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['refund'], operation: ['get'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const findBy = this.getNodeParameter('findBy', itemIndex) as 'refundRequestId' | 'refundId';
	const request: InquiryRefundRequest = { [findBy]: text(this.getNodeParameter(findBy, itemIndex, '')) };
	return await callAndOutput(this, itemIndex, context, 'inquiryRefund', request, (response) =>
		defined({
			refundStatus: response.refundStatus,
			refundId: response.refundId,
			refundRequestId: response.refundRequestId,
			...amountView(response.refundAmount, 'refund'),
			refundTime: response.refundTime,
		}),
	);
}
