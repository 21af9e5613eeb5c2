import { MEMORY_WINDOW_MS, NotificationMemory } from '../../../../nodes/Alipay/trigger/dedupe';
import type { IDataObject } from 'n8n-workflow';

describe('notification memory', () => {
	it('a remembered key is recognised, another is not', () => {
		const memory = new NotificationMemory({});
		memory.remember('payment:P-1:SUCCESS', 1000);
		expect(memory.has('payment:P-1:SUCCESS', 2000)).toBe(true);
		expect(memory.has('payment:P-1:FAIL', 2000)).toBe(false);
	});

	it('keeps at most its limit, forgetting the oldest first', () => {
		const data: IDataObject = {};
		const memory = new NotificationMemory(data, 3);
		for (let i = 1; i <= 5; i++) memory.remember(`payment:P-${i}:SUCCESS`, i);
		expect((data.alipayNotificationsSeen as unknown[]).length).toBe(3);
		expect(memory.has('payment:P-2:SUCCESS', 10)).toBe(false);
		expect(memory.has('payment:P-3:SUCCESS', 10)).toBe(true);
		expect(memory.has('payment:P-5:SUCCESS', 10)).toBe(true);
	});

	it('forgets a notification once Alipay can no longer resend it', () => {
		const memory = new NotificationMemory({});
		memory.remember('payment:P-1:SUCCESS', 0);
		expect(memory.has('payment:P-1:SUCCESS', MEMORY_WINDOW_MS - 1)).toBe(true);
		expect(memory.has('payment:P-1:SUCCESS', MEMORY_WINDOW_MS)).toBe(false);
	});

	it('survives the JSON round trip n8n stores static data with, and ignores foreign entries', () => {
		const data: IDataObject = {};
		new NotificationMemory(data).remember('registration:R-1:APPROVED', 5);
		const stored = JSON.parse(JSON.stringify(data)) as IDataObject;
		(stored.alipayNotificationsSeen as unknown[]).push('garbage', [1, 2]);
		expect(new NotificationMemory(stored).has('registration:R-1:APPROVED', 6)).toBe(true);
	});

	it('stores digests, not the keys themselves', () => {
		const data: IDataObject = {};
		new NotificationMemory(data).remember('payment:20261129194010800100188000000000001:SUCCESS', 5);
		expect(JSON.stringify(data)).not.toContain('20261129194010800100188000000000001');
	});
});
