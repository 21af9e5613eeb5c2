import type { ApiName } from '../../simulator/contract';

/**
 * The request bodies Alipay's official SDKs build in their own samples, written out by hand from
 * the sample sources (JSON as each SDK would serialise it). Where a sample leaves a value for the
 * integrator to fill (an empty request ID), `filled` says what was put there.
 */
export interface SdkSample {
	source: string;
	api: ApiName;
	body: Record<string, unknown>;
	/** Fields the sample sends that the contract refuses even when lenient, and why. */
	refusedFields?: Record<string, string>;
	/** Fields refused only in strict mode (numbers where a String belongs). */
	strictOnlyFields?: string[];
	filled?: string;
}

const OC_ORDER_PYTHON = {
	orderDescription: 'This is an order.',
	orderAmount: { currency: 'USD', value: 1231 },
	merchant: {
		referenceMerchantId: 'seller2322174590000',
		merchantMCC: '7011',
		merchantName: 'Some_Mer',
		store: { referenceStoreId: 'store232217459000011', storeName: 'Some_Store', storeMCC: '7011' },
	},
};

export const SDK_SAMPLES: SdkSample[] = [
	{
		source: 'alipay/global-open-sdk-python example/order_code_payment_request_test.py',
		api: 'pay',
		body: {
			productCode: 'IN_STORE_PAYMENT',
			paymentRequestId: 1732860000,
			order: OC_ORDER_PYTHON,
			paymentAmount: { currency: 'USD', value: 1231 },
			paymentMethod: { paymentMethodType: 'CONNECT_WALLET' },
			paymentFactor: { inStorePaymentScenario: 'OrderCode' },
			paymentNotifyUrl: 'http://yourNotifyUrl.com/test',
		},
		strictOnlyFields: ['paymentRequestId', 'order.orderAmount.value', 'paymentAmount.value'],
	},
	{
		source: 'alipay/global-open-sdk-php example/OrderCodePaymentTest.php',
		api: 'pay',
		body: {
			productCode: 'IN_STORE_PAYMENT',
			paymentRequestId: 'PR_1732860000000',
			order: {
				orderDescription: 'test order desc',
				referenceOrderId: '102775745075669',
				orderAmount: { currency: 'USD', value: '100' },
				merchant: {
					referenceMerchantId: 'seller2322174590000',
					merchantMCC: '7011',
					merchantName: 'Some_Mer',
					store: { storeMCC: '7011', referenceStoreId: 'store232217459000011', storeName: 'Some_Store' },
				},
			},
			paymentAmount: { currency: 'USD', value: 9000 },
			paymentMethod: { paymentMethodType: 'CONNECT_WALLET' },
			paymentFactor: { inStorePaymentScenario: 'OrderCode' },
			paymentNotifyUrl: 'https://www.alipay.com/notify',
		},
		strictOnlyFields: ['paymentAmount.value'],
	},
	{
		source: 'alipay/global-open-sdk-go com/alipay/example/pay_demo.go (refund)',
		api: 'refund',
		body: {
			refundRequestId: '4a0c2a36-5f0f-4d4e-9a51-3c2f6f1f5e2b',
			paymentId: '202408151940108001001886C0209996792',
			refundAmount: { value: '100', currency: 'HKD' },
			refundReason: 'example refund',
		},
	},
	{
		source: 'alipay/global-open-sdk-go com/alipay/example/pay_demo.go (queryRefund)',
		api: 'inquiryRefund',
		body: { refundRequestId: 'ad53716a-81-4c4c-b151-216c5225e' },
	},
	{
		source: 'alipay/global-open-sdk-go com/alipay/example/pay_demo.go (cancel)',
		api: 'cancel',
		body: { paymentRequestId: 'ad53716a-81-4c4c-b51-20916c5225e' },
	},
	{
		source: 'alipay/global-open-sdk-go com/alipay/example/pay_demo.go (payQuery)',
		api: 'inquiryPayment',
		body: { paymentRequestId: 'ad53716a-81-4c4c-b51-20916c5225e' },
	},
	{
		source: 'https://global.alipay.com/docs/ac/ams/registration (API Explorer request sample, 2023-07-14)',
		api: 'registration',
		body: {
			merchantInfo: {
				logo: { logoName: 'Example Logo', logoUrl: 'https://example.com/uploads/alipay.png' },
				merchantAddress: { address1: '38 Leighton Road', address2: 'Causeway Bay', city: 'hong kong', region: 'HK', state: 'HK' },
				merchantDisplayName: 'Example Merchant Name',
				merchantMCC: '5812',
				referenceMerchantId: 'Example_161111380000',
				registrationDetail: {
					businessType: 'ENTERPRISE',
					contactInfo: [
						{ contactNo: '13801990000', contactType: 'MOBILE_PHONE' },
						{ contactNo: '13801880000', contactType: 'MOBILE_PHONE' },
					],
					legalName: 'Example Legal Name',
					registrationAddress: { address1: '38 Leighton Road', address2: 'Causeway Bay', city: 'hong kong', region: 'HK', state: 'HK' },
					registrationNo: 'registration00000',
					registrationType: 'ENTERPRISE_REGISTRATION_NO',
					registrationExpireDate: '2019-01-01T12:08:55+08:00',
					registrationEffectiveDate: '2030-01-01T12:08:55+08:00',
				},
				websites: [
					{ name: 'web', url: 'http://alipay.example.com' },
					{ name: 'web', url: 'http://alipay.example2.com' },
				],
			},
			passThroughInfo: '{"extraInfo":"extra"}',
			productCodes: ['IN_STORE_PAYMENT'],
			registrationNotifyURL: 'https://merchant/example',
			registrationRequestId: 'Example_16111138000000',
			storeInfo: {
				referenceStoreId: '2188120000190000',
				storeAddress: { address1: '38 Leighton Road', address2: 'Causeway Bay', city: 'hong kong', label: 'company', region: 'HK', state: 'HK' },
				storeMCC: '5812',
				storeName: 'Example Store Name',
			},
		},
		filled: 'The page masks digits with ****; zeros stand in for them.',
	},
	{
		source: 'alipay/global-open-sdk-java src/main/java/com/alipay/global/api/example/legacy/RegistrationDemoCode.java',
		api: 'registration',
		body: {
			registrationRequestId: 'REG_DEMO_0001',
			productCodes: ['CASHIER_PAYMENT'],
			passThroughInfo: '{"extraInfo":"extra"}',
			registrationNotifyURL: 'https://merchant/example',
			merchantInfo: {
				logo: { logoName: 'expLogo', logoUrl: 'http://www.logo.com' },
				merchantAddress: {
					address1: '38 Leighton Road, ****',
					address2: '40 Leighton Road, ****',
					city: 'hong kong',
					region: 'HK',
					state: 'HK',
					zipCode: 'zipCode',
					label: 'label',
				},
				merchantDisplayName: 'Example Merchant Name',
				merchantMCC: '5812',
				registrationDetail: {
					legalName: 'Example Legal Name',
					registrationNo: 'registration*****',
					registrationType: 'ENTERPRISE_REGISTRATION_NO',
					attachments: [],
					contactInfo: [],
					registrationAddress: { region: 'HK' },
					businessType: 'ENTERPRISE',
				},
				websites: [],
				referenceMerchantId: 'SM_DEMO_0001',
			},
		},
		filled: 'registrationRequestId and referenceMerchantId are empty constants in the demo.',
	},
	{
		source: 'alipay/global-open-sdk-python example/registration.py (register)',
		api: 'registration',
		body: {
			registrationRequestId: 'reqId107336691327831097346773_test_111',
			passThroughInfo: '{"acquiringCurrency":["HKD"],"settlementType":"DOMESTIC_SETTLEMENT","legalRepresentativeName":"legalRepresentativeName"}',
			registrationNotifyURL: 'http://xmock.inc.alipay.net/api/Test/yibeiTest/testPayNotify1.htm',
			productCodes: ['AGREEMENT_PAYMENT'],
			merchantInfo: {
				referenceMerchantId: 'reference_merchant_id_test07',
				logo: { logoUrl: 'http://www.logo.com', logoName: 'logoName' },
				merchantAddress: {
					city: 'hong kong',
					label: 'label',
					state: 'HK',
					region: 'HK',
					address1: '58 Leighton Road, ****',
					address2: '28 Leighton Road, ****',
					zipCode: 'zipCode',
				},
				merchantMCC: 'merchantMcc_test66',
				merchantDisplayName: 'merchantXXXX',
				registrationDetail: {
					attachments: [
						{ file: 'file_test_1', attachmentName: 'attachment_name_test1', attachmentType: 'ARTICLES_OF_ASSOCIATION' },
						{ file: 'file_test_2', attachmentName: 'attachment_name_test2', attachmentType: 'ARTICLES_OF_ASSOCIATION' },
					],
					businessType: 'ENTERPRISE',
					contactInfo: [{ contactNo: 'contactNo123', contactType: 'MOBILE_PHONE' }],
					legalName: 'Example Legal Name',
					registrationAddress: {
						city: 'hong kong',
						label: 'label',
						state: 'HK',
						region: 'HK',
						address1: '58 Leighton Road, ****',
						address2: '28 Leighton Road, ****',
						zipCode: 'zipCode',
					},
					registrationEffectiveDate: '2020-01-01T12:08:55+08:00',
					registrationExpireDate: '2022-01-01T12:08:55+08:00',
					registrationNo: 'registrati_on_*****',
					registrationType: 'ENTERPRISE_REGISTRATION_NO',
				},
				websites: [
					{ name: 'websiteName1', url: 'http://www.website1.com', desc: 'website1 desc' },
					{ name: 'websiteName2', url: 'http://www.website2.com', desc: 'website2 desc' },
				],
			},
		},
		refusedFields: { 'merchantInfo.merchantMCC': 'a placeholder, not a four-digit MCC' },
	},
	{
		source: 'alipay/global-open-sdk-php example/RegistrationTest.php (step 1)',
		api: 'registration',
		body: {
			registrationRequestId: 'REG_PHP_0001',
			merchantInfo: {
				merchantMCC: 'merchantMCC',
				referenceMerchantId: 'SM_PHP_0001',
				logo: { logoName: 'logoName', logoUrl: 'https://www.logo.com' },
				merchantAddress: {
					address1: '38 Leighton Road, ****',
					address2: '40 Leighton Road, ****',
					city: 'hong kong',
					label: 'label',
					region: 'HK',
					state: 'HK',
					zipCode: 'zipCode',
				},
				merchantDisplayName: 'Same_mer',
				registrationDetail: {
					attachments: [
						{ attachmentName: 'attachmentName1', attachmentType: 'ARTICLES_OF_ASSOCIATION', file: 'testFile' },
						{ attachmentName: 'attachmentName2', attachmentType: 'ARTICLES_OF_ASSOCIATION', file: 'testFile' },
					],
					businessType: 'ENTERPRISE',
					contactInfo: [{ contactNo: 'contactNo123', contactType: 'MOBILE_PHONE' }],
					legalName: 'Example Legal Name',
					registrationAddress: { region: 'HK' },
					registrationEffectiveDate: '2020-01-01T12:08:55+08:00',
					registrationExpireDate: '2020-01-01T12:08:55+08:00',
					registrationNo: 'registration*****',
					registrationType: 'ENTERPRISE_REGISTRATION_NO',
				},
				websites: [{ desc: 'this is webSite desc', name: 'webName', url: 'http://www.webSite.com' }],
			},
			passThroughInfo: '{"extraInfo":"extra"}',
			productCodes: ['CASHIER_PAYMENT'],
			registrationNotifyURL: 'https://merchant/example',
		},
		refusedFields: { 'merchantInfo.merchantMCC': 'a placeholder, not a four-digit MCC' },
		filled: 'registrationRequestId and referenceMerchantId are empty strings in the sample.',
	},
	{
		source: 'alipay/global-open-sdk-php example/RegistrationTest.php (step 2)',
		api: 'inquiryRegistrationStatus',
		body: { registrationRequestId: 'REG_PHP_0001' },
	},
	{
		source: 'alipay/global-open-sdk-python example/registration.py (query_registration_status)',
		api: 'inquiryRegistrationStatus',
		body: { referenceMerchantId: '5188122826664900663130' },
	},
	{
		source: 'alipay/global-open-sdk-python example/registration.py (query_info)',
		api: 'inquiryRegistrationInfo',
		body: { referenceMerchantId: '5188122826664900663130' },
	},
];
