import type { INodeProperties } from 'n8n-workflow';

/**
 * The merchant and store fields payments and registration share. Optional in the node: a field
 * left empty takes the value set once in the credential (helpers/shop.ts).
 */
const FROM_CREDENTIAL = 'Leave empty to use the one in the Alipay API credential';

export const referenceMerchantIdField: INodeProperties = {
	displayName: 'Reference Merchant ID',
	name: 'referenceMerchantId',
	type: 'string',
	default: '',
	description: `Your ID of the (secondary) merchant, max 64 characters; the same in registration and payments. ${FROM_CREDENTIAL}.`,
};

export const merchantNameField: INodeProperties = {
	displayName: 'Merchant Name',
	name: 'merchantName',
	type: 'string',
	default: '',
	description: `The merchant's legal or business name. ${FROM_CREDENTIAL}.`,
};

export const merchantMccField: INodeProperties = {
	displayName: 'Merchant MCC',
	name: 'merchantMCC',
	type: 'string',
	default: '',
	placeholder: 'e.g. 5812',
	description: `The merchant's 4-digit merchant category code. ${FROM_CREDENTIAL}.`,
};

export const referenceStoreIdField: INodeProperties = {
	displayName: 'Reference Store ID',
	name: 'referenceStoreId',
	type: 'string',
	default: '',
	description: `Your ID of the store where customers pay, max 32 characters; the same in registration and payments. ${FROM_CREDENTIAL}.`,
};

export const storeNameField: INodeProperties = {
	displayName: 'Store Name',
	name: 'storeName',
	type: 'string',
	default: '',
	description: `The store's name. ${FROM_CREDENTIAL}.`,
};

export const storeMccField: INodeProperties = {
	displayName: 'Store MCC',
	name: 'storeMCC',
	type: 'string',
	default: '',
	placeholder: 'e.g. 5812',
	description: `The store's 4-digit merchant category code. ${FROM_CREDENTIAL}.`,
};
