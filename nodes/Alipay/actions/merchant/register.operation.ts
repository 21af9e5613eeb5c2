import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { RegistrationRequest } from '../../core';
import {
	additionalBodyJsonField,
	additionalFieldsCollection,
	addressField,
	outputProperty,
	retryOptionsCollection,
} from '../../descriptions/common';
import {
	merchantMccField,
	referenceMerchantIdField,
	referenceStoreIdField,
	storeMccField,
	storeNameField,
} from '../../descriptions/shop';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { text, toAddress, withAdditionalBody } from '../../helpers/params';
import { defaultRequestId } from '../../helpers/requestId';
import { shopValue } from '../../helpers/shop';
import { withoutUndefined } from '../../helpers/simplify';
import type { ShopField } from '../../transport/credentials';
import { callAndOutput } from '../callAndOutput';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [
	referenceMerchantIdField,
	{
		displayName: 'Merchant Display Name',
		name: 'merchantDisplayName',
		type: 'string',
		default: '',
		description:
			"Name customers see in their wallet. Leave empty to use the Alipay API credential's Merchant Name.",
	},
	merchantMccField,
	referenceStoreIdField,
	storeNameField,
	storeMccField,
	{
		displayName: 'Legal Name',
		name: 'legalName',
		type: 'string',
		default: '',
		required: true,
		description: 'The name the business is registered under',
	},
	{
		displayName: 'Registration Type',
		name: 'registrationType',
		type: 'string',
		default: 'ENTERPRISE_REGISTRATION_NO',
		required: true,
		description: 'What kind of number Registration Number is; Alipay\'s samples use ENTERPRISE_REGISTRATION_NO',
	},
	{
		displayName: 'Registration Number',
		name: 'registrationNo',
		type: 'string',
		default: '',
		required: true,
		description: 'The company registration number, e.g. 201912345K',
	},
	{
		displayName: 'Registration Region',
		name: 'registrationRegion',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. SG',
		description: 'Two-letter code of the country the business is registered in',
	},
	additionalFieldsCollection([
		additionalBodyJsonField,
		{
			displayName: 'Business Type',
			name: 'businessType',
			type: 'string',
			default: '',
			placeholder: 'e.g. ENTERPRISE',
			description: "Alipay's business type, e.g. ENTERPRISE or INDIVIDUAL",
		},
		{
			displayName: 'Contacts',
			name: 'contacts',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Contact',
			default: {},
			options: [
				{
					displayName: 'Contact',
					name: 'contact',
					values: [
						{
							displayName: 'Type',
							name: 'contactType',
							type: 'string',
							default: 'EMAIL',
							description: "Alipay's contact type, e.g. EMAIL or MOBILE_PHONE",
						},
						{
							displayName: 'Value',
							name: 'contactNo',
							type: 'string',
							default: '',
							description: 'The address or number',
						},
					],
				},
			],
		},
		{
			displayName: 'Logo Name',
			name: 'logoName',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Logo URL',
			name: 'logoUrl',
			type: 'string',
			default: '',
			description: 'Downloadable URL of the logo',
		},
		addressField('merchantAddress', 'Merchant Address'),
		{
			displayName: 'Pass Through Info',
			name: 'passThroughInfo',
			type: 'string',
			default: '',
			description: 'Key-value JSON as text, passed to the wallets and echoed back',
		},
		addressField('registrationAddress', 'Registration Address'),
		{
			displayName: 'Registration Notify URL',
			name: 'registrationNotifyUrl',
			type: 'string',
			default: '',
			description:
				"Where Alipay sends the review result: the Alipay Trigger node's Production URL ending in /registration",
		},
		{
			displayName: 'Registration Request ID',
			name: 'registrationRequestId',
			type: 'string',
			default: '',
			description:
				'Your unique ID for this registration (letters, digits, _ and -, max 64). Leave empty to use one derived from the execution and item, which stays the same when n8n retries the node or the execution.',
		},
		addressField('storeAddress', 'Store Address'),
		{
			displayName: 'Website Name',
			name: 'websiteName',
			type: 'string',
			default: '',
			description: 'Name of the website; defaults to the Merchant Display Name',
		},
		{
			displayName: 'Website URL',
			name: 'websiteUrl',
			type: 'string',
			default: '',
		},
	]),
	retryOptionsCollection,
	outputProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['merchant'], operation: ['register'] } }, properties);

/** The API this operation calls. */
export const endpoint = 'registration' as const;

export const execute: OperationExecute = async function (itemIndex, context) {
	const param = (name: string) => text(context.parameters.read(name, itemIndex, ''));
	// Merchant and store fields left empty are prefilled from the credential's shop.
	const shop = (name: string, field: ShopField, wirePath: string) =>
		shopValue(context.parameters.read(name, itemIndex, ''), context.credentials.shop, field, wirePath, 'in this node');
	const merchantDisplayName = shop('merchantDisplayName', 'merchantName', 'merchantInfo.merchantDisplayName');
	const additional = context.parameters.read('additionalFields', itemIndex, {}) as IDataObject;
	const contacts = ((additional.contacts as IDataObject | undefined)?.contact ?? []) as IDataObject[];
	const websiteUrl = text(additional.websiteUrl);

	const request = withAdditionalBody<RegistrationRequest>(
		{
			registrationRequestId:
				text(additional.registrationRequestId) ??
				defaultRequestId.call(this, 'registrationRequestId', itemIndex, context.runIndex),
			registrationNotifyURL: text(additional.registrationNotifyUrl),
			passThroughInfo: text(additional.passThroughInfo),
			productCodes: ['IN_STORE_PAYMENT'],
			merchantInfo: {
				referenceMerchantId: shop('referenceMerchantId', 'referenceMerchantId', 'merchantInfo.referenceMerchantId'),
				merchantDisplayName,
				merchantMCC: shop('merchantMCC', 'merchantMCC', 'merchantInfo.merchantMCC'),
				logo: {
					logoName: text(additional.logoName),
					logoUrl: text(additional.logoUrl),
				},
				// Alipay's samples name every website; the display name is the natural default.
				websites: websiteUrl
					? [{ name: text(additional.websiteName) ?? merchantDisplayName, url: websiteUrl }]
					: undefined,
				merchantAddress: toAddress(additional.merchantAddress),
				registrationDetail: {
					legalName: param('legalName'),
					registrationType: param('registrationType'),
					registrationNo: param('registrationNo'),
					businessType: text(additional.businessType),
					registrationAddress: {
						...toAddress(additional.registrationAddress),
						region: param('registrationRegion')?.toUpperCase(),
					},
					contactInfo: contacts.length
						? contacts.map((c) => ({
								contactType: text(c.contactType),
								contactNo: text(c.contactNo),
							}))
						: undefined,
				},
			},
			storeInfo: {
				referenceStoreId: shop('referenceStoreId', 'referenceStoreId', 'storeInfo.referenceStoreId'),
				storeName: shop('storeName', 'storeName', 'storeInfo.storeName'),
				storeMCC: shop('storeMCC', 'storeMCC', 'storeInfo.storeMCC'),
				storeAddress: toAddress(additional.storeAddress),
			},
		},
		additional,
	);

	return await callAndOutput(this, itemIndex, context, endpoint, request, (response) =>
		withoutUndefined({
			// S only means "accepted for review"; the wallets' decision comes later.
			registrationStatus: 'SUBMITTED',
			registrationRequestId: request.registrationRequestId,
			referenceMerchantId: request.merchantInfo.referenceMerchantId,
			referenceStoreId: request.storeInfo?.referenceStoreId,
			passThroughInfo: response.passThroughInfo,
		}),
	);
};
