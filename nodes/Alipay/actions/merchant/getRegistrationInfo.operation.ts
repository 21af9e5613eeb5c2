import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { InquiryRegistrationInfoRequest } from '../../core';
import { outputProperty, retryOptions } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { compact, text, transportOptions } from '../../helpers/params';
import { defined } from '../../helpers/simplify';
import { callAlipay, createAlipayClient } from '../../transport';
import type { OperationContext } from '../node.type';

const properties: INodeProperties[] = [
	{
		displayName: 'Reference Merchant ID',
		name: 'referenceMerchantId',
		type: 'string',
		default: '',
		required: true,
		description: 'Your ID of the registered secondary merchant',
	},
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
				description: 'Also return this store',
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
	{ show: { resource: ['merchant'], operation: ['getRegistrationInfo'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const request = compact({
		referenceMerchantId: text(this.getNodeParameter('referenceMerchantId', itemIndex, '')),
		referenceStoreId: text(additional.referenceStoreId),
	}) as InquiryRegistrationInfoRequest;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const client = createAlipayClient.call(this, context.credentials, transportOptions(options));
	const { response } = await callAlipay(client, 'inquiryRegistrationInfo', request);
	const raw = this.getNodeParameter('output', itemIndex, 'simplified') === 'raw';
	const merchant = response.merchantInfo;
	const json = raw
		? (response as unknown as IDataObject)
		: defined({
				referenceMerchantId: merchant?.referenceMerchantId ?? request.referenceMerchantId,
				merchantDisplayName: merchant?.merchantDisplayName,
				merchantMCC: merchant?.merchantMCC,
				legalName: merchant?.registrationDetail?.legalName,
				referenceStoreId: response.storeInfo?.referenceStoreId,
				storeName: response.storeInfo?.storeName,
				storeMCC: response.storeInfo?.storeMCC,
				productCodes: response.productCodes,
				merchantInfo: merchant as IDataObject | undefined,
				storeInfo: response.storeInfo as IDataObject | undefined,
			});
	return [{ json, pairedItem: { item: itemIndex } }];
}
