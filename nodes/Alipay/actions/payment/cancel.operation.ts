import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { outputProperty, retryOptionsCollection } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { defined } from '../../helpers/simplify';
import { callAndOutput } from '../callAndOutput';
import type { OperationContext } from '../node.type';
import { paymentReferenceProperties, readPaymentReference } from './get.operation';

const properties: INodeProperties[] = [...paymentReferenceProperties, retryOptionsCollection, outputProperty];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['cancel'] } }, properties);

/** The API this operation calls. */
export const endpoint = 'cancel' as const;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const request = readPaymentReference.call(this, itemIndex);
	return await callAndOutput(this, itemIndex, context, endpoint, request, (response) =>
		defined({
			cancelled: true,
			paymentId: response.paymentId ?? request.paymentId,
			paymentRequestId: response.paymentRequestId ?? request.paymentRequestId,
			cancelTime: response.cancelTime,
		}),
	);
}
