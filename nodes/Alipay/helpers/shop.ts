import { AlipayValidationError } from '../core';
import type { Shop, ShopField } from '../transport/credentials';
import { text } from './params';

/** How the credential's form names each shop field, for hints. */
const CREDENTIAL_LABELS: Record<ShopField, string> = {
	referenceMerchantId: 'Reference Merchant ID',
	merchantName: 'Merchant Name',
	merchantMCC: 'Merchant MCC',
	referenceStoreId: 'Reference Store ID',
	storeName: 'Store Name',
	storeMCC: 'Store MCC',
};

/**
 * A merchant or store field: the node's own value when one is entered, else the credential's
 * shop. Missing from both is an error naming both places, before anything is sent.
 */
export function shopValue(
	own: unknown,
	shop: Shop,
	field: ShopField,
	wirePath: string,
	whereInNode: string,
): string {
	const value = text(own) ?? shop[field];
	if (value) return value;
	throw new AlipayValidationError(
		wirePath,
		'is required',
		`Set ${CREDENTIAL_LABELS[field]} once for your shop in the Alipay API credential, or enter it ${whereInNode}. Nothing was sent to Alipay.`,
	);
}
