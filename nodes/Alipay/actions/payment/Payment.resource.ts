import type { INodeProperties } from 'n8n-workflow';
import * as cancel from './cancel.operation';
import * as createOrderCode from './createOrderCode.operation';
import * as get from './get.operation';
import * as refund from './refund.operation';
import * as waitForResult from './waitForResult.operation';

export { cancel, createOrderCode, get, refund, waitForResult };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Close an unpaid order code, or reverse a payment within the cancel window (Alipay cancel)',
				action: 'Cancel payment',
			},
			{
				name: 'Create Order Code',
				value: 'createOrderCode',
				description:
					'Create a payment and get the QR code the customer scans with Alipay or another wallet; the customer has not paid yet (Alipay pay, Order Code)',
				action: 'Create order code for customer to pay',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Check whether a payment was paid, failed, cancelled or is still processing (Alipay inquiryPayment)',
				action: 'Get payment status',
			},
			{
				name: 'Refund',
				value: 'refund',
				description: 'Give back all or part of a paid payment to the customer (Alipay refund)',
				action: 'Refund payment',
			},
			{
				name: 'Wait for Result',
				value: 'waitForResult',
				description:
					'Keep checking a payment until it is paid, failed or its code expired, then cancel it if unpaid; place it after the node that shows the code, as the execution runs for the whole wait (Alipay inquiryPayment, cancel)',
				action: 'Wait for payment result',
			},
		],
		default: 'createOrderCode',
	},
	...createOrderCode.description,
	...get.description,
	...cancel.description,
	...refund.description,
	...waitForResult.description,
];
