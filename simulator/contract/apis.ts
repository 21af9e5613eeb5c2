import { arr, obj, required, str, type ApiContract, type ApiName, type FieldRule, type NotificationContract, type NotificationName } from './schema';
import type { SourceId } from './sources';

/**
 * What Alipay accepts and answers for the eight Order Code APIs and their two notifications, read
 * from Alipay's API reference pages and the request/response models of its official SDKs (see
 * sources.ts). Lengths come from the pages or the Java models' "Maximum length" docstrings; where
 * neither states a length none is enforced. `disagreement` says where sources differ and which way
 * the contract goes.
 */

// Shared blocks --------------------------------------------------------------------------------

const amount = (extra: Partial<FieldRule> = {}): FieldRule => ({
	...obj(
		['java:Amount', 'python:Amount', 'go:Amount'],
		{
			currency: required(str(['java:Amount'], { maxLength: 3, format: 'currency' })),
			value: required(
				str(['java:Amount', 'page:api_fund'], {
					format: 'minorUnits',
					disagreement:
						'Every SDK model types value as a String and the message-structure page says every field is a String, yet the ' +
						'Python and PHP Order Code samples pass an integer (a JSON number). The gateway is lenient by default (the number ' +
						'is read as its text); --strict refuses it. The Java docstring says "positive integer" and "value range: 0 - ' +
						'unlimited": zero is refused as not positive.',
				}),
			),
		},
	),
	...extra,
});

const address = (): FieldRule =>
	obj(['java:Address'], {
		region: str(['java:Address'], { maxLength: 2, format: 'region' }),
		state: str(['java:Address'], { maxLength: 8 }),
		city: str(['java:Address'], { maxLength: 32 }),
		address1: str(['java:Address'], { maxLength: 256 }),
		address2: str(['java:Address'], { maxLength: 256 }),
		address3: str(['java:Address']),
		zipCode: str(['java:Address'], { maxLength: 32 }),
		label: str(['java:Address']),
	});

const result = (): FieldRule =>
	required(
		obj(['java:Result', 'page:api_fund'], {
			resultCode: required(str(['java:Result'], { maxLength: 64 })),
			resultStatus: required(str(['java:Result'], { values: ['S', 'F', 'U'] })),
			resultMessage: str(['java:Result'], { maxLength: 256 }),
		}),
	);

const requestId = (source: FieldRule['source']): FieldRule =>
	required(
		str([...source, 'page:idempotency', 'go:pay_example'], {
			maxLength: 64,
			format: 'requestId',
			disagreement:
				'The Order Code page says special characters are not supported without listing them; the Go SDK sample uses ' +
				'uuid.NewString() (hyphens) and the Python/PHP samples underscores, so letters, digits, "_" and "-" are accepted.',
		}),
	);

const pspCustomerInfo = (): FieldRule =>
	obj(['java:PspCustomerInfo'], {
		pspName: str(['java:PspCustomerInfo'], { maxLength: 64 }),
		pspCustomerId: str(['java:PspCustomerInfo'], { maxLength: 64 }),
		displayCustomerId: str(['java:PspCustomerInfo'], { maxLength: 64 }),
		displayCustomerName: str(['java:PspCustomerInfo']),
	});

/** An exchange rate Alipay locked; only when two currencies meet, never in this simulator's answers. */
const quote = (source: readonly SourceId[]): FieldRule =>
	obj([...source, 'java:Quote'], {
		quoteId: str(['java:Quote'], { maxLength: 64 }),
		quoteCurrencyPair: str(['java:Quote'], { maxLength: 16 }),
		quotePrice: str(['java:Quote'], {
			disagreement: 'A String like every field on the message-structure page; the Java model types it BigDecimal, so a JSON number may come.',
		}),
		quoteStartTime: str(['java:Quote'], { format: 'datetime' }),
		quoteExpiryTime: str(['java:Quote'], { format: 'datetime' }),
		guaranteed: str(['java:Quote'], {
			values: ['true', 'false'],
			disagreement: 'A String on the message-structure page; the Java model types it Boolean, so a JSON boolean may come.',
		}),
	});

/** Settlement in another currency than the payment's, at a rate locked when the transaction was made. */
const settlement = (source: readonly SourceId[]) => ({
	grossSettlementAmount: amount({ source, returned: 'when the settlement currency differs and the rate was locked' }),
	settlementQuote: { ...quote(source), returned: 'with grossSettlementAmount' },
});

const registrationResult = (): FieldRule =>
	obj(['java:RegistrationResult', 'page:irs'], {
		registrationStatus: str(['page:irs', 'java:RegistrationResult'], {
			disagreement:
				'The page samples show PENDING and COMPLETED overall and PENDING/APPROVED/REJECTED per wallet; the enum block ' +
				'is collapsed in every copy, so values are not enforced.',
		}),
		rejectReasons: str(['page:irs', 'java:RegistrationResult']),
	});

const pspRegistrationResultList = (): FieldRule =>
	arr(
		['page:irs', 'java:RegistrationResult'],
		obj(['java:RegistrationResult'], { pspName: str(['java:RegistrationResult']), registrationResult: registrationResult() }),
	);

const merchantRegistrationInfo = (): FieldRule =>
	obj(['page:registration', 'java:MerchantRegistrationInfo'], {
		referenceMerchantId: required(str(['page:irs', 'page:iri', 'java:MerchantRegistrationInfo'], { maxLength: 64 })),
		merchantDisplayName: required(
			str(['page:registration', 'java:RegistrationDemoCode', 'python:registration_example', 'php:registration_example'], {
				disagreement: 'In every sample (page, Java, Python, PHP); the child block with the required flags is collapsed on the page.',
			}),
		),
		merchantMCC: required(
			str(['page:registration', 'page:mcc', 'java:MerchantRegistrationInfo'], {
				format: 'mcc',
				disagreement:
					'The page points to the MCC code list (four digits); the Python and PHP samples put placeholders here ' +
					'("merchantMcc_test66", "merchantMCC") that the contract refuses.',
			}),
		),
		logo: obj(['page:registration', 'java:Logo'], {
			logoName: str(['java:Logo'], {
				disagreement: 'The shared Java Logo model says 12 characters (card brands); the registration page sample uses "Example Logo". Not enforced.',
			}),
			logoUrl: str(['java:Logo'], { maxLength: 2048, format: 'url' }),
		}),
		websites: arr(
			['page:registration', 'java:WebSite'],
			obj(['java:WebSite'], {
				name: required(
					str(['page:registration', 'page:iri', 'java:RegistrationDemoCode', 'python:registration_example', 'php:registration_example'], {
						disagreement: 'Every sample names each website; the required flag itself is in the collapsed child block.',
					}),
				),
				url: required(str(['page:registration', 'java:WebSite'], { maxLength: 2048, format: 'url' })),
				desc: str(['java:WebSite']),
				type: str(['java:WebSite'], { maxLength: 32, values: ['COMPANY_INTRODUCE', 'TRADING'] }),
			}),
		),
		merchantAddress: address(),
		registrationDetail: required(
			obj(['page:registration', 'java:RegistrationDetail'], {
				legalName: required(str(['page:registration', 'java:RegistrationDetail'])),
				attachments: arr(
					['java:Attachment'],
					obj(['java:Attachment'], {
						attachmentType: str(['java:Attachment', 'page:registration'], { maxLength: 64 }),
						file: str(['page:registration', 'java:Attachment'], {
							disagreement: 'The page says a downloadable URL; every SDK sample sends a placeholder name. Not checked as a URL.',
						}),
						attachmentName: str(['java:Attachment'], { maxLength: 256 }),
						fileKey: str(['java:Attachment'], { maxLength: 256 }),
					}),
				),
				contactInfo: arr(
					['page:registration', 'java:ContactInfo'],
					obj(['java:ContactInfo'], {
						contactNo: str(['java:ContactInfo']),
						contactType: str(['page:registration', 'page:iri', 'java:ContactInfo'], {
							values: ['MOBILE_PHONE', 'EMAIL', 'PHONE_NO', 'COMMERCIAL_PHONE_NO'],
							disagreement:
								'The pages use MOBILE_PHONE (registration) and EMAIL (iri); the Java ContactType enum lists EMAIL, PHONE_NO, ' +
								'COMMERCIAL_PHONE_NO. All four are accepted.',
						}),
					}),
				),
				registrationType: required(str(['page:registration', 'java:RegistrationDetail'])),
				registrationNo: required(str(['page:registration', 'java:RegistrationDetail'])),
				registrationAddress: required(
					obj(['page:registration', 'java:RegistrationDemoCode', 'php:registration_example'], {
						...address().fields,
						region: required(str(['java:Address', 'java:RegistrationDemoCode'], { maxLength: 2, format: 'region' })),
					}),
				),
				businessType: str(['page:registration', 'java:RegistrationDetail']),
				registrationEffectiveDate: str(['java:RegistrationDetail', 'python:registration_example'], {
					format: 'datetime',
					disagreement: 'The Java model types it java.util.Date (serialised as epoch milliseconds); the page and Python sample send ISO-8601 text.',
				}),
				registrationExpireDate: str(['java:RegistrationDetail', 'python:registration_example'], { format: 'datetime' }),
			}),
		),
	});

const storeRegistrationInfo = (): FieldRule =>
	obj(['page:registration', 'page:iri'], {
		referenceStoreId: required(str(['page:irs', 'page:iri', 'page:nrs'], { maxLength: 32 })),
		storeName: str(['page:registration', 'page:iri']),
		storeMCC: str(['page:registration', 'page:iri', 'page:mcc'], { format: 'mcc' }),
		storeAddress: address(),
	});

const paymentReference = (source: FieldRule['source']) => ({
	paymentRequestId: str([...source], { maxLength: 64 }),
	paymentId: str([...source], { maxLength: 64 }),
});

const COMMON_F = {
	ACCESS_DENIED: 'F',
	CLIENT_INVALID: 'F',
	INVALID_API: 'F',
	INVALID_SIGNATURE: 'F',
	KEY_NOT_FOUND: 'F',
	MEDIA_TYPE_NOT_ACCEPTABLE: 'F',
	METHOD_NOT_SUPPORTED: 'F',
	NO_INTERFACE_DEF: 'F',
	PARAM_ILLEGAL: 'F',
	PROCESS_FAIL: 'F',
	SYSTEM_ERROR: 'F',
	REQUEST_TRAFFIC_EXCEED_LIMIT: 'U',
	UNKNOWN_EXCEPTION: 'U',
} as const;

// The eight APIs -------------------------------------------------------------------------------

const order = obj(['page:oc', 'java:Order'], {
	referenceOrderId: str(['java:Order'], { maxLength: 64 }),
	orderDescription: required(
		str(['java:Order', 'python:OrderCodePaymentRequest', 'php:OrderCodePaymentRequest'], { maxLength: 256 }),
	),
	orderAmount: required(amount({ source: ['java:Order', 'python:OrderCodePaymentRequest', 'php:OrderCodePaymentRequest'] })),
	merchant: required(
		obj(['java:Merchant', 'python:OrderCodePaymentRequest', 'php:OrderCodePaymentRequest'], {
			referenceMerchantId: required(
				str(['python:OrderCodePaymentRequest', 'php:OrderCodePaymentRequest', 'page:irs'], {
					maxLength: 64,
					disagreement: 'The length is stated on the registration pages (64); the pay page keeps the merchant block collapsed.',
				}),
			),
			merchantMCC: required(str(['python:OrderCodePaymentRequest', 'php:OrderCodePaymentRequest', 'page:upm', 'page:mcc'], { format: 'mcc' })),
			merchantName: required(str(['python:OrderCodePaymentRequest', 'php:OrderCodePaymentRequest'])),
			merchantDisplayName: str(['java:Merchant']),
			merchantAddress: address(),
			merchantRegisterDate: str(['java:Merchant'], { format: 'datetime' }),
			merchantType: str(['java:Merchant', 'java:MerchantType'], { values: ['INDIVIDUAL', 'ENTERPRISE'] }),
			store: required(
				obj(['java:Store', 'python:OrderCodePaymentRequest', 'php:OrderCodePaymentRequest'], {
					referenceStoreId: required(
						str(['python:OrderCodePaymentRequest', 'php:OrderCodePaymentRequest', 'page:upm'], {
							disagreement:
								'The registration pages limit referenceStoreId to 32 characters; the pay page states no length. Not enforced on pay.',
						}),
					),
					storeName: required(str(['python:OrderCodePaymentRequest', 'php:OrderCodePaymentRequest'])),
					storeMCC: required(
						str(['python:OrderCodePaymentRequest', 'php:OrderCodePaymentRequest', 'page:oc', 'page:mcc'], {
							format: 'mcc',
							disagreement:
								'The pay page and every SDK spell it storeMCC; the "Accept payments" guide writes storeMcc. storeMCC is the field.',
						}),
					),
					storeDisplayName: str(['java:Store']),
					storeTerminalId: str(['java:Store']),
					storeOperatorId: str(['java:Store']),
					storeAddress: address(),
					storePhoneNo: str(['java:Store']),
				}),
			),
		}),
	),
	goods: arr(
		['java:Order', 'java:Goods'],
		obj(['java:Goods'], {
			referenceGoodsId: str(['java:Goods'], { maxLength: 64 }),
			goodsName: str(['java:Goods'], { maxLength: 256 }),
			goodsCategory: str(['java:Goods'], { maxLength: 64 }),
			goodsBrand: str(['java:Goods']),
			goodsUnitAmount: amount(),
			goodsQuantity: str(['java:Goods']),
			goodsSkuName: str(['java:Goods']),
			goodsUrl: str(['java:Goods'], { maxLength: 2048 }),
			deliveryMethodType: str(['java:Goods'], { maxLength: 32 }),
			goodsImageUrl: str(['java:Goods']),
		}),
		{ maxItems: 100 },
	),
	buyer: obj(['java:Buyer'], {
		referenceBuyerId: str(['java:Buyer'], { maxLength: 64 }),
		buyerName: obj(['java:Buyer'], {
			firstName: str(['java:Buyer'], { maxLength: 32 }),
			middleName: str(['java:Buyer'], { maxLength: 32 }),
			lastName: str(['java:Buyer'], { maxLength: 32 }),
			fullName: str(['java:Buyer'], { maxLength: 128 }),
		}),
		buyerPhoneNo: str(['java:Buyer'], { maxLength: 24 }),
		buyerEmail: str(['java:Buyer'], { maxLength: 64 }),
	}),
	env: obj(['page:oc', 'java:Env'], {
		storeTerminalId: str(['page:oc', 'java:Env']),
		storeTerminalRequestTime: str(['page:oc', 'java:Env'], { format: 'datetime' }),
		deviceTokenId: str(['java:Env'], { maxLength: 64 }),
		clientIp: str(['java:Env'], { maxLength: 64 }),
		extendInfo: str(['java:Env'], { maxLength: 2048 }),
	}),
	extendInfo: str(['java:Order']),
});

const pay: ApiContract = {
	name: 'pay',
	path: '/v1/payments/pay',
	family: 'payment',
	source: ['page:oc'],
	request: {
		productCode: required(str(['page:oc', 'java:ProductCodeType'], { values: ['IN_STORE_PAYMENT'] })),
		paymentRequestId: requestId(['page:oc']),
		order: required(order),
		paymentAmount: required(amount({ source: ['page:oc', 'java:Amount'] })),
		paymentMethod: required(
			obj(['page:oc', 'java:PaymentMethod'], {
				paymentMethodType: required(str(['page:oc', 'java:PaymentMethod'], { maxLength: 64 })),
				paymentMethodId: str(['java:PaymentMethod'], { maxLength: 128 }),
				extendInfo: str(['java:PaymentMethod'], { maxLength: 2048 }),
			}),
		),
		paymentFactor: required(
			obj(['page:oc', 'java:PaymentFactor', 'python:OrderCodePaymentRequest', 'php:OrderCodePaymentRequest'], {
				inStorePaymentScenario: required(
					str(['page:oc', 'java:InStorePaymentScenario', 'go:InStorePaymentScenario'], {
						values: ['OrderCode'],
						disagreement:
							'The enum also has PaymentCode and EntryCode (the other in-store products); an order code is asked for with OrderCode.',
					}),
				),
			},
			{
				disagreement:
					'The pay page marks paymentFactor optional ("indicates the payment scenario"); every SDK Order Code request sets it, ' +
					'and without it nothing asks for an order code. Required here.',
			}),
		),
		paymentNotifyUrl: required(
			str(['page:oc'], {
				maxLength: 2048,
				format: 'url',
				disagreement:
					'Required on the 2023 pay page; the Python and PHP Order Code requests take it as an optional argument (the Dashboard URL is used then).',
			}),
		),
		paymentExpiryTime: str(['page:oc'], { format: 'datetime' }),
		paymentRedirectUrl: str(['page:oc'], { maxLength: 2048, format: 'url' }),
		settlementStrategy: obj(['page:oc', 'java:SettlementStrategy'], {
			settlementCurrency: str(['java:SettlementStrategy'], { maxLength: 3, format: 'currency' }),
		}),
		merchantRegion: str(['page:oc'], {
			maxLength: 2,
			format: 'region',
			disagreement: 'The 2023 page lists US, JP, PK and SG as the accepted values on the Global Acquirer Gateway; any region code is accepted here.',
		}),
	},
	response: {
		result: result(),
		paymentRequestId: str(['page:oc'], { maxLength: 64, returned: 'when resultStatus is S' }),
		paymentId: str(['page:oc'], { maxLength: 64, returned: 'when resultStatus is S' }),
		paymentAmount: amount({ returned: 'when resultStatus is S' }),
		paymentCreateTime: str(['page:oc'], { format: 'datetime', returned: 'when resultStatus is S' }),
		orderCodeForm: obj(
			['page:oc', 'java:OrderCodeForm'],
			{
				paymentMethodType: str(['page:oc']),
				expireTime: str(['page:oc', 'java:OrderCodeForm'], { format: 'datetime' }),
				codeDetails: required(
					arr(
						['page:oc', 'java:OrderCodeForm'],
						obj(['java:CodeDetail'], {
							codeValueType: str(['java:CodeDetail'], { values: ['QRCODE', 'BARCODE'] }),
							codeValue: required(str(['java:CodeDetail'], { maxLength: 2048 })),
							displayType: str(['java:CodeDetail'], { values: ['TEXT', 'SMALLIMAGE', 'MIDDLEIMAGE', 'BIGIMAGE', 'IMAGE'] }),
						}),
						{
							maxItems: 4,
							disagreement:
								"The page's sample answer has one SMALLIMAGE entry whose value is the qr.alipay.com link; the old in-store SDK's " +
								'sandbox capture has one TEXT entry. The number and kinds of entries vary.',
						},
					),
				),
				extendInfo: str(['java:OrderCodeForm'], { maxLength: 2048 }),
			},
			{ returned: 'when resultStatus is S (required for Order Code since Jan 2022)' },
		),
	},
	resultCodes: {
		SUCCESS: 'S',
		...COMMON_F,
		CURRENCY_NOT_SUPPORT: 'F',
		INVALID_CONTRACT: 'F',
		INVALID_MERCHANT_STATUS: 'F',
		MERCHANT_KYB_NOT_QUALIFIED: 'F',
		MERCHANT_NOT_REGISTERED: 'F',
		NO_PAY_OPTIONS: 'F',
		ORDER_IS_CANCELED: 'F',
		ORDER_IS_CLOSED: 'F',
		PAYMENT_AMOUNT_EXCEED_LIMIT: 'F',
		PAYMENT_COUNT_EXCEED_LIMIT: 'F',
		PAYMENT_NOT_QUALIFIED: 'F',
		REPEAT_REQ_INCONSISTENT: 'F',
		RISK_REJECT: 'F',
		USER_NOT_EXIST: 'F',
		PAYMENT_IN_PROCESS: 'U',
	},
};

const transaction = obj(['java:Transaction'], {
	transactionResult: obj(['java:Transaction'], {
		resultCode: str(['java:Result']),
		resultStatus: str(['java:Result'], { values: ['S', 'F', 'U'] }),
		resultMessage: str(['java:Result']),
	}),
	transactionId: str(['java:Transaction'], { maxLength: 64 }),
	transactionType: str(['java:Transaction'], {
		values: ['PAYMENT', 'REFUND', 'CAPTURE', 'CANCEL', 'AUTHORIZATION', 'VOID', 'INCREMENTAL'],
	}),
	transactionStatus: str(['java:Transaction'], { values: ['SUCCESS', 'FAIL', 'PROCESSING', 'CANCELLED', 'PENDING'] }),
	transactionAmount: amount(),
	transactionRequestId: str(['java:Transaction'], { maxLength: 64 }),
	transactionTime: str(['java:Transaction'], { format: 'datetime' }),
});

const inquiryPayment: ApiContract = {
	name: 'inquiryPayment',
	path: '/v1/payments/inquiryPayment',
	family: 'payment',
	source: ['page:paymentri'],
	request: paymentReference(['page:paymentri', 'java:AlipayPayQueryRequest']),
	requestRules: [{ kind: 'anyOf', fields: ['paymentRequestId', 'paymentId'], source: ['page:paymentri'] }],
	response: {
		result: result(),
		paymentStatus: str(['page:paymentri', 'java:AlipayPayQueryResponse'], {
			values: ['SUCCESS', 'FAIL', 'PROCESSING', 'CANCELLED', 'PENDING'],
			returned: 'when resultStatus is S',
		}),
		paymentResultCode: str(['page:paymentri', 'java:AlipayPayQueryResponse'], { maxLength: 64 }),
		paymentResultMessage: str(['page:paymentri', 'java:AlipayPayQueryResponse'], { maxLength: 256 }),
		paymentRequestId: str(['page:paymentri'], { maxLength: 64 }),
		paymentId: str(['page:paymentri'], { maxLength: 64 }),
		paymentAmount: amount(),
		actualPaymentAmount: amount(),
		paymentCreateTime: str(['page:paymentri'], { format: 'datetime' }),
		paymentTime: str(['page:paymentri'], { format: 'datetime', returned: 'when the payment reached a final state' }),
		pspCustomerInfo: pspCustomerInfo(),
		paymentQuote: { ...quote(['page:paymentri', 'java:AlipayPayQueryResponse']), returned: 'when the wallet paid in another currency' },
		...settlement(['page:paymentri', 'java:AlipayPayQueryResponse']),
		transactions: arr(['page:paymentri', 'java:Transaction'], transaction),
	},
	resultCodes: { SUCCESS: 'S', ...COMMON_F, ORDER_NOT_EXIST: 'F' },
};

const cancel: ApiContract = {
	name: 'cancel',
	path: '/v1/payments/cancel',
	family: 'payment',
	source: ['page:paymentc'],
	request: paymentReference(['page:paymentc', 'java:AlipayPayCancelRequest']),
	requestRules: [{ kind: 'anyOf', fields: ['paymentRequestId', 'paymentId'], source: ['page:paymentc'] }],
	response: {
		result: result(),
		paymentId: str(['page:paymentc', 'java:AlipayPayCancelResponse'], { maxLength: 64 }),
		paymentRequestId: str(['page:paymentc', 'java:AlipayPayCancelResponse'], { maxLength: 64 }),
		cancelTime: str(['page:paymentc', 'java:AlipayPayCancelResponse'], { format: 'datetime' }),
	},
	resultCodes: {
		SUCCESS: 'S',
		...COMMON_F,
		ORDER_NOT_EXIST: 'F',
		ORDER_STATUS_INVALID: 'F',
		CANCEL_WINDOW_EXCEED: 'F',
		MERCHANT_BALANCE_NOT_ENOUGH: 'F',
	},
};

const refund: ApiContract = {
	name: 'refund',
	path: '/v1/payments/refund',
	family: 'payment',
	source: ['page:refund'],
	request: {
		refundRequestId: requestId(['page:refund', 'java:AlipayRefundRequest']),
		paymentId: required(str(['page:refund', 'java:AlipayRefundRequest'], { maxLength: 64 })),
		referenceRefundId: str(['page:refund', 'java:AlipayRefundRequest'], { maxLength: 64 }),
		refundAmount: required(amount({ source: ['page:refund', 'java:Amount'] })),
		refundReason: str(['page:refund', 'java:AlipayRefundRequest'], { maxLength: 256 }),
	},
	response: {
		result: result(),
		refundRequestId: str(['page:refund', 'java:AlipayRefundResponse'], { maxLength: 64 }),
		refundId: str(['page:refund', 'java:AlipayRefundResponse'], { maxLength: 64 }),
		paymentId: str(['page:refund', 'java:AlipayRefundResponse'], { maxLength: 64 }),
		refundAmount: amount(),
		refundTime: str(['page:refund'], { format: 'datetime', returned: 'when the refund reached success or failure' }),
		...settlement(['page:refund', 'java:AlipayRefundResponse']),
	},
	resultCodes: {
		SUCCESS: 'S',
		...COMMON_F,
		CURRENCY_NOT_SUPPORT: 'F',
		MULTIPLE_REFUNDS_NOT_SUPPORTED: 'F',
		MERCHANT_BALANCE_NOT_ENOUGH: 'F',
		ORDER_IS_CANCELED: 'F',
		ORDER_NOT_EXIST: 'F',
		ORDER_STATUS_INVALID: 'F',
		REFUND_AMOUNT_EXCEED: 'F',
		REFUND_WINDOW_EXCEED: 'F',
		REPEAT_REQ_INCONSISTENT: 'F',
	},
};

const inquiryRefund: ApiContract = {
	name: 'inquiryRefund',
	path: '/v1/payments/inquiryRefund',
	family: 'payment',
	source: ['page:ir'],
	request: {
		refundRequestId: str(['page:ir', 'java:AlipayInquiryRefundRequest'], { maxLength: 64, format: 'requestId' }),
		refundId: str(['page:ir', 'java:AlipayInquiryRefundRequest'], { maxLength: 64 }),
	},
	requestRules: [{ kind: 'anyOf', fields: ['refundRequestId', 'refundId'], source: ['page:ir'] }],
	response: {
		result: result(),
		refundId: str(['page:ir', 'java:AlipayInquiryRefundResponse'], { maxLength: 64 }),
		refundRequestId: str(['page:ir', 'java:AlipayInquiryRefundResponse'], { maxLength: 64 }),
		refundAmount: amount(),
		refundStatus: str(['page:ir', 'java:AlipayInquiryRefundResponse'], {
			maxLength: 16,
			values: ['SUCCESS', 'PROCESSING', 'FAIL'],
		}),
		refundTime: str(['page:ir'], { format: 'datetime', returned: 'when refundStatus is SUCCESS' }),
		...settlement(['page:ir', 'java:AlipayInquiryRefundResponse']),
	},
	// The page: on ORDER_NOT_EXIST call again after 15 s; after three retries the refund was probably not created.
	resultCodes: { SUCCESS: 'S', ...COMMON_F, ORDER_NOT_EXIST: 'F' },
};

const registration: ApiContract = {
	name: 'registration',
	path: '/v1/merchants/registration',
	family: 'registration',
	source: ['page:registration'],
	request: {
		registrationRequestId: requestId(['page:registration', 'java:AlipayMerchantRegistrationRequest']),
		registrationNotifyURL: str(['page:registration'], { maxLength: 2048, format: 'url' }),
		passThroughInfo: str(['page:registration'], { maxLength: 2048 }),
		merchantInfo: required(merchantRegistrationInfo()),
		productCodes: required(
			arr(['page:registration', 'java:ProductCodeType'], str(['java:ProductCodeType'], { values: ['IN_STORE_PAYMENT', 'CASHIER_PAYMENT', 'AGREEMENT_PAYMENT'] })),
		),
		storeInfo: storeRegistrationInfo(),
	},
	requestRules: [
		{ kind: 'requiredWhen', field: 'storeInfo', when: 'productCodes', includes: 'IN_STORE_PAYMENT', source: ['page:registration'] },
	],
	response: {
		result: result(),
		passThroughInfo: str(['page:registration'], { maxLength: 2048 }),
	},
	resultCodes: {
		SUCCESS: 'S',
		...COMMON_F,
		INVALID_CLIENT: 'F',
		REPEAT_REQ_INCONSISTENT: 'F',
		REGISTRATION_UNDER_REVIEW: 'F',
		REPEAT_REGISTRATION: 'F',
	},
};

const inquiryRegistrationStatus: ApiContract = {
	name: 'inquiryRegistrationStatus',
	path: '/v1/merchants/inquiryRegistrationStatus',
	family: 'registration',
	source: ['page:irs'],
	request: {
		referenceMerchantId: str(['page:irs', 'java:AlipayMerchantRegistrationStatusQueryRequest'], { maxLength: 64 }),
		registrationRequestId: str(['page:irs', 'java:AlipayMerchantRegistrationStatusQueryRequest'], { maxLength: 64 }),
		referenceStoreId: str(['page:irs'], { maxLength: 32 }),
	},
	requestRules: [
		{
			kind: 'anyOf',
			fields: ['registrationRequestId', 'referenceMerchantId', 'referenceStoreId'],
			source: ['page:irs'],
			disagreement:
				'All three are optional on the page, which asks for referenceMerchantId or referenceStoreId; the SDK models ' +
				'have no referenceStoreId. A query by any one of them is accepted.',
		},
	],
	response: {
		result: result(),
		registrationResult: registrationResult(),
		pspRegistrationResultList: pspRegistrationResultList(),
	},
	resultCodes: { SUCCESS: 'S', ...COMMON_F, INVALID_CLIENT: 'F', REPEAT_REQ_INCONSISTENT: 'F', RECORD_NOT_FOUND: 'F' },
};

const inquiryRegistrationInfo: ApiContract = {
	name: 'inquiryRegistrationInfo',
	path: '/v1/merchants/inquiryRegistrationInfo',
	family: 'registration',
	source: ['page:iri'],
	request: {
		referenceMerchantId: required(str(['page:iri', 'java:AlipayMerchantRegistrationInfoQueryRequest'], { maxLength: 64 })),
		referenceStoreId: str(['page:iri'], { maxLength: 32 }),
	},
	response: {
		result: result(),
		merchantInfo: { ...merchantRegistrationInfo(), returned: 'when a registration was approved (only result otherwise)' },
		storeInfo: { ...storeRegistrationInfo(), returned: 'with merchantInfo, for in-store registrations' },
		productCodes: arr(['page:iri'], str(['page:iri']), { returned: 'with merchantInfo' }),
	},
	resultCodes: { SUCCESS: 'S', ...COMMON_F, INVALID_CLIENT: 'F', REPEAT_REQ_INCONSISTENT: 'F', RECORD_NOT_FOUND: 'F' },
};

export const APIS: Readonly<Record<ApiName, ApiContract>> = {
	pay,
	inquiryPayment,
	cancel,
	refund,
	inquiryRefund,
	registration,
	inquiryRegistrationStatus,
	inquiryRegistrationInfo,
};

// The two notifications ------------------------------------------------------------------------

const acknowledgement = {
	result: required(
		obj(['page:paymentrn', 'page:nrs'], {
			resultCode: required(str(['page:paymentrn'], { values: ['SUCCESS'] })),
			resultStatus: required(str(['page:paymentrn'], { values: ['S'] })),
			resultMessage: str(['page:paymentrn']),
		}),
	),
};

export const NOTIFICATIONS: Readonly<Record<NotificationName, NotificationContract>> = {
	notifyPayment: {
		name: 'notifyPayment',
		urlField: 'paymentNotifyUrl',
		source: ['page:paymentrn', 'page:oc_accept', 'java:AlipayPayResultNotify'],
		body: {
			notifyType: required(
				str(['page:paymentrn', 'java:AlipayPayResultNotify'], {
					values: ['PAYMENT_RESULT', 'OFFLINE_PAYMENT_CODE', 'PAYMENT_PENDING'],
					disagreement: 'The in-store page lists PAYMENT_RESULT and OFFLINE_PAYMENT_CODE; the online page PAYMENT_RESULT and PAYMENT_PENDING.',
				}),
			),
			result: {
				...result(),
				disagreement:
					'The in-store page (2022) sends notifyPayment only when a payment succeeds and lists only SUCCESS; the Order Code ' +
					'"Accept payments" guide (2023) shows a failed-payment sample (F, USER_BALANCE_NOT_ENOUGH) and the notification ' +
					'matrix says "success or failure". The simulator notifies successes by default, failures on request.',
				source: ['page:paymentrn', 'page:oc_accept', 'page:notification_matrix'],
			},
			paymentRequestId: required(str(['page:paymentrn'], { maxLength: 64 })),
			paymentId: required(str(['page:paymentrn'], { maxLength: 64 })),
			paymentAmount: {
				...amount(),
				disagreement: 'Required on the in-store page; the guide\'s failed-payment sample has none.',
				source: ['page:paymentrn', 'page:oc_accept'],
			},
			actualPaymentAmount: amount(),
			paymentCreateTime: str(['page:paymentrn'], { format: 'datetime' }),
			paymentTime: str(['page:paymentrn'], { format: 'datetime', returned: 'when result.resultStatus is S' }),
			pspCustomerInfo: pspCustomerInfo(),
			paymentQuote: { ...quote(['page:paymentrn']), returned: 'when the wallet paid in another currency' },
			...settlement(['page:paymentrn']),
		},
		acknowledgement,
	},
	notifyRegistrationStatus: {
		name: 'notifyRegistrationStatus',
		urlField: 'registrationNotifyURL',
		source: ['page:nrs'],
		body: {
			registrationRequestId: str(['page:nrs'], { maxLength: 64 }),
			referenceMerchantId: str(['page:nrs'], { maxLength: 64 }),
			referenceStoreId: str(['page:nrs'], { maxLength: 32 }),
			registrationResult: registrationResult(),
			pspRegistrationResultList: pspRegistrationResultList(),
		},
		acknowledgement,
	},
};
