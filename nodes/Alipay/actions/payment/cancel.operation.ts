import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { outputProperty, retryOptions } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { transportOptions } from '../../helpers/params';
import { defined } from '../../helpers/simplify';
import { callAlipay, createAlipayClient } from '../../transport';
import type { OperationContext } from '../node.type';
import { paymentReferenceProperties, readPaymentReference } from './get.operation';

const properties: INodeProperties[] = [
	...paymentReferenceProperties,
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

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['cancel'] } }, properties);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const request = readPaymentReference.call(this, itemIndex);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const client = createAlipayClient.call(this, context.credentials, transportOptions(options));
	const { response } = await callAlipay(client, 'cancel', request);
	const raw = this.getNodeParameter('output', itemIndex, 'simplified') === 'raw';
	const json = raw
		? (response as unknown as IDataObject)
		: defined({
				cancelled: true,
				paymentId: response.paymentId ?? request.paymentId,
				paymentRequestId: response.paymentRequestId ?? request.paymentRequestId,
				cancelTime: response.cancelTime,
			});
	return [{ json, pairedItem: { item: itemIndex } }];
}
