import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { InquiryRegistrationStatusRequest } from '../../core';
import {
	additionalFieldsCollection,
	findByProperties,
	outputProperty,
	retryOptionsCollection,
} from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { readFindBy } from '../../helpers/findBy';
import { withoutEmptyFields, text } from '../../helpers/params';
import { withoutUndefined } from '../../helpers/simplify';
import { callAndOutput } from '../callAndOutput';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [
	...findByProperties(
		{
			value: 'registrationRequestId',
			name: 'Registration Request ID',
			description: 'The ID the registration was submitted with: the result of that request',
		},
		{
			value: 'referenceMerchantId',
			name: 'Reference Merchant ID',
			description: "Your merchant ID: the merchant's registration status across all wallets",
		},
		{
			value: 'referenceStoreId',
			name: 'Reference Store ID',
			description: "Your store ID alone: the status of that store's registration",
		},
	),
	additionalFieldsCollection([
		{
			displayName: 'Reference Store ID',
			name: 'referenceStoreId',
			type: 'string',
			default: '',
			description: 'Limit to one store',
			displayOptions: { hide: { '/findBy': ['referenceStoreId'] } },
		},
	]),
	retryOptionsCollection,
	outputProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['merchant'], operation: ['getRegistrationStatus'] } }, properties);

/** The API this operation calls. */
export const endpoint = 'inquiryRegistrationStatus' as const;

export const execute: OperationExecute = async function (itemIndex, context) {
	const additional = context.parameters.read('additionalFields', itemIndex, {}) as IDataObject;
	const request = withoutEmptyFields<InquiryRegistrationStatusRequest>({
		referenceStoreId: text(additional.referenceStoreId),
		// Last, so finding by store ID wins over the Additional Fields one.
		...readFindBy<InquiryRegistrationStatusRequest>(context.parameters, itemIndex),
	});
	return await callAndOutput(this, itemIndex, context, endpoint, request, (response) => {
		const wallets = response.pspRegistrationResultList ?? [];
		const decidedBy = (status: string) =>
			wallets.filter((w) => w.registrationResult?.registrationStatus === status).map((w) => w.pspName);
		return withoutUndefined({
			registrationStatus: response.registrationResult?.registrationStatus,
			rejectReasons: response.registrationResult?.rejectReasons,
			// COMPLETED only means every wallet decided; approval is per wallet.
			approvedBy: decidedBy('APPROVED'),
			rejectedBy: decidedBy('REJECTED'),
			wallets: wallets.map((w) =>
				withoutUndefined({
					wallet: w.pspName,
					registrationStatus: w.registrationResult?.registrationStatus,
					rejectReasons: w.registrationResult?.rejectReasons,
				}),
			),
			...request,
		});
	});
};
