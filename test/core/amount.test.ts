import fc from 'fast-check';
import {
	AlipayValidationError,
	CURRENCY_EXPONENTS,
	currencyExponent,
	parseMinorUnits,
	toAmount,
	toMajorUnits,
	toMinorUnits,
} from '../../nodes/Alipay/core';

function validationError(run: () => unknown): AlipayValidationError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(AlipayValidationError);
		return error as AlipayValidationError;
	}
	throw new Error('expected a validation error');
}

describe('currency exponents follow ISO 4217', () => {
	it.each([
		['JPY', 0],
		['KRW', 0],
		['VND', 0],
		['SGD', 2],
		['USD', 2],
		['IDR', 2],
		['HUF', 2],
		['BHD', 3],
		['KWD', 3],
		['CLF', 4],
	])('%s has %i decimals', (code, exponent) => {
		expect(currencyExponent(code)).toBe(exponent);
	});

	it('knows every currency Intl knows', () => {
		const missing = Intl.supportedValuesOf('currency').filter((code) => CURRENCY_EXPONENTS[code] === undefined);
		expect(missing).toEqual([]);
	});

	it('differs from Intl/CLDR display digits only where ISO 4217 says otherwise', () => {
		const differences = Intl.supportedValuesOf('currency')
			.filter((code) => new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits !== CURRENCY_EXPONENTS[code])
			.sort();
		// CLDR shows these without decimals; ISO 4217 (what Alipay uses) gives them 2, IQD 3.
		expect(differences).toEqual(
			expect.arrayContaining(['AFN', 'ALL', 'COP', 'HUF', 'IDR', 'IQD', 'IRR', 'LAK', 'LBP', 'MMK', 'PKR', 'SLL', 'SOS', 'SYP', 'YER']),
		);
		expect(differences.every((code) => CURRENCY_EXPONENTS[code] >= 2)).toBe(true);
	});
});

describe('major to minor units and back', () => {
	it.each([
		['12.50', 'SGD', '1250'],
		['12.5', 'SGD', '1250'],
		['12', 'SGD', '1200'],
		['0.01', 'USD', '1'],
		['1200', 'JPY', '1200'],
		['100.00', 'JPY', '100'],
		['1.234', 'KWD', '1234'],
		['007.10', 'HKD', '710'],
		['12345678901234567.89', 'USD', '1234567890123456789'],
	])('%s %s is %s minor units', (major, currency, minor) => {
		expect(toMinorUnits(major, currency)).toBe(minor);
	});

	it('reads a number input through its shortest decimal text, never through float multiplication', () => {
		expect(toMinorUnits(19.99, 'USD')).toBe('1999');
		expect(toMinorUnits(12.5, 'sgd')).toBe('1250');
		// 0.1 + 0.2 is 0.30000000000000004: refused, not silently rounded to 30 cents.
		expect(() => toMinorUnits(0.1 + 0.2, 'USD')).toThrow(/may already be rounded/);
	});

	it.each([
		['1250', 'SGD', '12.50'],
		['5', 'SGD', '0.05'],
		['0', 'SGD', '0.00'],
		['5', 'JPY', '5'],
		['1234', 'KWD', '1.234'],
	])('%s minor %s is %s', (minor, currency, major) => {
		expect(toMajorUnits(minor, currency)).toBe(major);
	});

	it('round-trips random amounts for every currency Intl knows', () => {
		const currencies = Intl.supportedValuesOf('currency');
		fc.assert(
			fc.property(fc.constantFrom(...currencies), fc.bigInt({ min: BigInt(1), max: BigInt('999999999999999999') }), (currency, minor) => {
				const major = toMajorUnits(minor.toString(), currency);
				return toMinorUnits(major, currency) === minor.toString();
			}),
			{ numRuns: 2000 },
		);
	});

	it('builds Alipay amounts with the currency upper-cased', () => {
		expect(toAmount('12.50', 'sgd')).toEqual({ currency: 'SGD', value: '1250' });
	});
});

describe('bad amounts are errors that say what was wrong', () => {
	it.each([
		['12.345', 'SGD', /has 3 decimal places but SGD allows 2/],
		['10.5', 'JPY', / 10\.5 has 1 decimal place but JPY allows 0$/],
		['-5', 'USD', /must be positive/],
		['0', 'USD', /greater than zero/],
		['0.00', 'USD', /greater than zero/],
		['abc', 'USD', /is not an amount/],
		['', 'USD', /is required/],
		['1,234.50', 'USD', /uses a comma/],
		['12,50', 'EUR', /uses a comma/],
		['1e3', 'USD', /is not an amount/],
		['12.50', 'XYZ', /not a known ISO 4217 currency/],
		['12.50', '', /is required/],
	])('%s %s', (major, currency, message) => {
		expect(validationError(() => toMinorUnits(major, currency, 'paymentAmount')).message).toMatch(message);
	});

	it('names the field and gives a fix', () => {
		const error = validationError(() => toMinorUnits('12.345', 'SGD', 'refundAmount'));
		expect(error.field).toBe('refundAmount');
		expect(error.hint).toBe('Round to 2 decimal places.');
	});

	it('refuses non-integer minor units and zero', () => {
		expect(validationError(() => parseMinorUnits('12.50', 'SGD')).message).toMatch(/not a whole number of minor units/);
		expect(validationError(() => parseMinorUnits('000', 'SGD')).message).toMatch(/greater than zero/);
		expect(parseMinorUnits('00125', 'SGD')).toBe('125');
	});

	it('refuses numbers too large to be exact', () => {
		expect(validationError(() => toMinorUnits(1e21, 'USD')).message).toMatch(/out of range/);
	});

	it('refuses a number that may already be rounded and asks for the amount as text', () => {
		// 9007199254740993 typed in an expression arrives as ...992: sending it would charge another amount.
		const error = validationError(() => toMinorUnits(9007199254740993, 'JPY'));
		expect(error.message).toMatch(/may already be rounded/);
		expect(error.hint).toMatch(/as text/);
		expect(validationError(() => toMinorUnits(1234567890123.456, 'JPY')).message).toMatch(/may already be rounded/);
		// The same amounts as text are exact, and exact numbers still pass.
		expect(toMinorUnits('9007199254740993', 'JPY')).toBe('9007199254740993');
		expect(toMinorUnits(9007199254740991, 'JPY')).toBe('9007199254740991');
		expect(toMinorUnits(12.5, 'SGD')).toBe('1250');
		expect(parseMinorUnits(123456789012345, 'SGD')).toBe('123456789012345');
	});

	it("refuses amounts beyond Alipay's 64-bit value and says which limit", () => {
		expect(toMinorUnits('92233720368547758.07', 'USD')).toBe('9223372036854775807');
		for (const tooLarge of [() => toMinorUnits('92233720368547758.08', 'USD'), () => toMinorUnits('12345678901234567890123456', 'JPY')]) {
			const error = validationError(tooLarge);
			expect(error.message).toMatch(/9223372036854775807 minor units/);
			expect(error.message).toMatch(/64-bit/);
		}
		expect(validationError(() => parseMinorUnits('9223372036854775808', 'JPY')).message).toMatch(/64-bit/);
	});
});
