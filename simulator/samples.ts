import type { PayBody } from './contract/wire';

/** A pay request the contract accepts, for the benchmark, tests and demos. */
export function samplePayRequest(paymentRequestId: string, paymentNotifyUrl: string): PayBody {
	return {
		productCode: 'IN_STORE_PAYMENT',
		paymentRequestId,
		order: {
			orderDescription: 'Flat white x2, croissant',
			orderAmount: { currency: 'SGD', value: '1450' },
			merchant: {
				referenceMerchantId: 'SM_000421',
				merchantMCC: '5812',
				merchantName: 'Kopi Corner Pte Ltd',
				store: { referenceStoreId: 'ST_0007', storeName: 'Kopi Corner Orchard', storeMCC: '5812' },
			},
		},
		paymentAmount: { currency: 'SGD', value: '1450' },
		paymentMethod: { paymentMethodType: 'CONNECT_WALLET' },
		paymentFactor: { inStorePaymentScenario: 'OrderCode' },
		settlementStrategy: { settlementCurrency: 'SGD' },
		paymentNotifyUrl,
	};
}
