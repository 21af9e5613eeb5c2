import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { InquiryRegistrationInfoRequest } from '../../core';
import { additionalFieldsCollection, outputProperty, retryOptionsCollection } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { withoutEmptyFields, text } from '../../helpers/params';
import { withoutUndefined } from '../../helpers/simplify';
import { callAndOutput } from '../callAndOutput';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [
	{
		displayName: 'Reference Merchant ID',
		name: 'referenceMerchantId',
		type: 'string',
		default: '',
		required: true,
		description: 'Your ID of the registered secondary merchant',
	},
	additionalFieldsCollection([
		{
			displayName: 'Reference Store ID',
			name: 'referenceStoreId',
			type: 'string',
			default: '',
			description: 'Also return this store',
		},
	]),
	retryOptionsCollection,
	outputProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['merchant'], operation: ['getRegistrationInfo'] } }, properties);

/** The API this operation calls. */
export const endpoint = 'inquiryRegistrationInfo' as const;

export const execute: OperationExecute = async function (itemIndex, context) {
	const additional = context.parameters.read('additionalFields', itemIndex, {}) as IDataObject;
	const request = withoutEmptyFields({
		referenceMerchantId: text(context.parameters.read('referenceMerchantId', itemIndex, '')),
		referenceStoreId: text(additional.referenceStoreId),
	}) as InquiryRegistrationInfoRequest;
	return await callAndOutput(this, itemIndex, context, endpoint, request, (response) => {
		const merchant = response.merchantInfo;
		return withoutUndefined({
			// While every registration is pending or rejected Alipay answers S with no merchantInfo.
			hasApprovedRegistration: merchant !== undefined,
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
	});
};
