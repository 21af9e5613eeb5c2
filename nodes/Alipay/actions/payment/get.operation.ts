import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InquiryPaymentRequest, InquiryPaymentResponse } from '../../core';
import { findByProperties, outputProperty, retryOptionsCollection } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { text } from '../../helpers/params';
import { amountView, defined } from '../../helpers/simplify';
import { callAndOutput } from '../callAndOutput';
import type { OperationContext } from '../node.type';

// Payment ID first: it is the ID outputs, notifications and the wallet show.
export const paymentReferenceProperties = findByProperties(
	{
		value: 'paymentId',
		name: 'Payment ID',
		description: "Alipay's ID of the payment, as Create Order Code, the Alipay Trigger and Get output it",
	},
	{
		value: 'paymentRequestId',
		name: 'Payment Request ID',
		description:
			'The ID the payment was created with: the only way to find it when Create Order Code got no answer',
	},
);

const properties: INodeProperties[] = [...paymentReferenceProperties, retryOptionsCollection, outputProperty];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['get'] } }, properties);

/** `{paymentId}` or `{paymentRequestId}`, as chosen in Find By. */
export function readPaymentReference(this: IExecuteFunctions, itemIndex: number): InquiryPaymentRequest {
	const findBy = this.getNodeParameter('findBy', itemIndex) as 'paymentId' | 'paymentRequestId';
	return { [findBy]: text(this.getNodeParameter(findBy, itemIndex, '')) };
}

export function simplifyPaymentStatus(response: InquiryPaymentResponse | undefined): IDataObject {
	if (!response) return {};
	const refunds = (response.transactions ?? []).filter((t) => t.transactionType === 'REFUND');
	return defined({
		paymentStatus: response.paymentStatus,
		paid: response.paymentStatus === 'SUCCESS',
		paymentId: response.paymentId,
		paymentRequestId: response.paymentRequestId,
		...amountView(response.paymentAmount),
		...amountView(response.actualPaymentAmount, 'actual'),
		paymentResultCode: response.paymentResultCode,
		paymentResultMessage: response.paymentResultMessage,
		paymentCreateTime: response.paymentCreateTime,
		paymentTime: response.paymentTime,
		wallet: response.pspCustomerInfo?.pspName,
		customer: response.pspCustomerInfo?.displayCustomerId,
		refundCount: refunds.length || undefined,
	});
}

/** The API this operation calls. */
export const endpoint = 'inquiryPayment' as const;

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const request = readPaymentReference.call(this, itemIndex);
	return await callAndOutput(this, itemIndex, context, endpoint, request, simplifyPaymentStatus);
}
