import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InquiryRegistrationStatusRequest } from '../../core';
import { findByProperties, outputProperty, retryOptions } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { compact, text, transportOptions } from '../../helpers/params';
import { defined } from '../../helpers/simplify';
import { callAlipay, createAlipayClient } from '../../transport';
import type { OperationContext } from '../node.type';

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
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Reference Store ID',
				name: 'referenceStoreId',
				type: 'string',
				default: '',
				description: 'Limit to one store',
			},
		],
	},
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

export const description = updateDisplayOptions(
	{ show: { resource: ['merchant'], operation: ['getRegistrationStatus'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const findBy = this.getNodeParameter('findBy', itemIndex) as 'registrationRequestId' | 'referenceMerchantId';
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const request = compact({
		[findBy]: text(this.getNodeParameter(findBy, itemIndex, '')),
		referenceStoreId: text(additional.referenceStoreId),
	}) as InquiryRegistrationStatusRequest;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const client = createAlipayClient.call(this, context.credentials, transportOptions(options));
	const { response } = await callAlipay(client, 'inquiryRegistrationStatus', request);
	const raw = this.getNodeParameter('output', itemIndex, 'simplified') === 'raw';
	const wallets = response.pspRegistrationResultList ?? [];
	const json = raw
		? (response as unknown as IDataObject)
		: defined({
				registrationStatus: response.registrationResult?.registrationStatus,
				rejectReasons: response.registrationResult?.rejectReasons,
				// COMPLETED only means every wallet decided; approval is per wallet (spec §3.7).
				approvedBy: wallets
					.filter((w) => w.registrationResult?.registrationStatus === 'APPROVED')
					.map((w) => w.pspName),
				rejectedBy: wallets
					.filter((w) => w.registrationResult?.registrationStatus === 'REJECTED')
					.map((w) => w.pspName),
				wallets: wallets.map((w) =>
					defined({
						wallet: w.pspName,
						registrationStatus: w.registrationResult?.registrationStatus,
						rejectReasons: w.registrationResult?.rejectReasons,
					}),
				),
				...request,
			});
	return [{ json, pairedItem: { item: itemIndex } }];
}
