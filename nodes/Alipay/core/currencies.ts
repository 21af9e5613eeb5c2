/**
 * ISO 4217 minor-unit exponents. Alipay amounts are integers in the currency's smallest unit as
 * ISO 4217 defines it (docs/protocol.md#amounts); this is deliberately not Intl/CLDR, which rounds many
 * currencies (IDR, HUF, COP, PKR…) to 0 display decimals although their ISO exponent is 2.
 */
const EXPONENT_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const EXPONENT_3 = 'BHD IQD JOD KWD LYD OMR TND';
const EXPONENT_4 = 'CLF UYW';
const EXPONENT_2 =
	'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD ' +
	'CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS ' +
	'GIP GMD GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL ' +
	'MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP ' +
	'PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL THB TJS TMT ' +
	'TOP TRY TTD TWD TZS UAH USD USN UYU UZS VES VED WST XCD XCG XDR XSU YER ZAR ZMW ZWG ZWL';

function table(): Record<string, number> {
	const result: Record<string, number> = {};
	for (const [codes, exponent] of [
		[EXPONENT_2, 2],
		[EXPONENT_0, 0],
		[EXPONENT_3, 3],
		[EXPONENT_4, 4],
	] as const) {
		for (const code of codes.split(' ')) result[code] = exponent;
	}
	return result;
}

export const CURRENCY_EXPONENTS: Readonly<Record<string, number>> = Object.freeze(table());
