/**
 * Wire types of merchant registration (registration, its two inquiries and the registration status
 * notification), in Alipay's own names; the building blocks are in types.ts.
 */
import type { Address, AlipayResponse } from './types';

export interface MerchantRegistrationInfo {
	referenceMerchantId: string;
	merchantDisplayName?: string;
	merchantMCC?: string;
	logo?: { logoName?: string; logoUrl?: string };
	websites?: Array<{ name?: string; url: string; desc?: string; type?: string }>;
	merchantAddress?: Address;
	registrationDetail?: {
		legalName?: string;
		attachments?: Array<{ attachmentType: string; file: string; attachmentName?: string }>;
		contactInfo?: Array<{ contactNo: string; contactType: string }>;
		registrationType?: string;
		registrationNo?: string;
		registrationAddress?: Address;
		businessType?: string;
		registrationEffectiveDate?: string;
		registrationExpireDate?: string;
	};
	[extra: string]: unknown;
}

export interface StoreRegistrationInfo {
	referenceStoreId: string;
	storeName?: string;
	storeMCC?: string;
	storeAddress?: Address;
	[extra: string]: unknown;
}

export interface RegistrationRequest {
	registrationRequestId: string;
	registrationNotifyURL?: string;
	passThroughInfo?: string;
	merchantInfo: MerchantRegistrationInfo;
	productCodes: string[];
	storeInfo?: StoreRegistrationInfo;
}

export interface RegistrationResponse extends AlipayResponse {
	passThroughInfo?: string;
}

export interface RegistrationResult {
	registrationStatus?: 'PENDING' | 'COMPLETED' | 'APPROVED' | 'REJECTED' | string;
	rejectReasons?: string;
}

export interface PspRegistrationResult {
	pspName: string;
	registrationResult?: RegistrationResult;
}

export interface InquiryRegistrationStatusRequest {
	referenceMerchantId?: string;
	registrationRequestId?: string;
	referenceStoreId?: string;
}

export interface InquiryRegistrationStatusResponse extends AlipayResponse {
	registrationResult?: RegistrationResult;
	pspRegistrationResultList?: PspRegistrationResult[];
}

export interface InquiryRegistrationInfoRequest {
	referenceMerchantId: string;
	referenceStoreId?: string;
}

export interface InquiryRegistrationInfoResponse extends AlipayResponse {
	merchantInfo?: MerchantRegistrationInfo;
	storeInfo?: StoreRegistrationInfo;
	productCodes?: string[];
}

/** notifyRegistrationStatus: no notifyType, every field optional. */
export interface RegistrationNotification {
	referenceMerchantId?: string;
	registrationRequestId?: string;
	referenceStoreId?: string;
	registrationResult?: RegistrationResult;
	pspRegistrationResultList?: PspRegistrationResult[];
	[extra: string]: unknown;
}
