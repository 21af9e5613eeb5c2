import type { INodeProperties } from 'n8n-workflow';
import type { InquiryPaymentRequest } from '../../core';
import { outputProperty, paymentReferenceProperties, retryOptionsCollection } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { readFindBy } from '../../helpers/findBy';
import { simplifyPaymentStatus } from '../../helpers/simplify';
import { callAndOutput } from '../callAndOutput';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [...paymentReferenceProperties, retryOptionsCollection, outputProperty];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['get'] } }, properties);

/** The API this operation calls. */
export const endpoint = 'inquiryPayment' as const;

export const execute: OperationExecute = async function (itemIndex, context) {
	const request = readFindBy<InquiryPaymentRequest>(context.parameters, itemIndex);
	return await callAndOutput(this, itemIndex, context, endpoint, request, simplifyPaymentStatus);
};
