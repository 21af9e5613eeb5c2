import type { INodeProperties } from 'n8n-workflow';
import type { CancelRequest } from '../../core';
import { outputProperty, paymentReferenceProperties, retryOptionsCollection } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { readFindBy } from '../../helpers/findBy';
import { withoutUndefined } from '../../helpers/simplify';
import { callAndOutput } from '../callAndOutput';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [...paymentReferenceProperties, retryOptionsCollection, outputProperty];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['cancel'] } }, properties);

/** The API this operation calls. */
export const endpoint = 'cancel' as const;

export const execute: OperationExecute = async function (itemIndex, context) {
	const request = readFindBy<CancelRequest>(context.parameters, itemIndex);
	return await callAndOutput(this, itemIndex, context, endpoint, request, (response) =>
		withoutUndefined({
			cancelled: true,
			paymentId: response.paymentId ?? request.paymentId,
			paymentRequestId: response.paymentRequestId ?? request.paymentRequestId,
			cancelTime: response.cancelTime,
		}),
	);
};
