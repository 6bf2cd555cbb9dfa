/**
 * French company identifiers (INSEE): a SIREN is 9 digits, a SIRET 14 (the SIREN then the
 * establishment's 5-digit NIC); both carry a Luhn check digit. Client-safe: the billing form
 * and the server share these rules.
 */

/** La Poste's establishments are numbered past what Luhn allows: their digits sum to a multiple of 5. */
const LA_POSTE_SIREN = "356000000";

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Spaces and dots people type between groups ("123 456 789") removed. */
export function normalizeCompanyId(value: string): string {
  return value.replace(/[\s.]/g, "");
}

export function isValidSiren(value: string): boolean {
  return /^\d{9}$/.test(value) && luhnValid(value);
}

export function isValidSiret(value: string): boolean {
  if (!/^\d{14}$/.test(value)) return false;
  if (value.startsWith(LA_POSTE_SIREN)) {
    const digitSum = [...value].reduce((sum, digit) => sum + Number(digit), 0);
    return digitSum % 5 === 0;
  }
  return isValidSiren(value.slice(0, 9)) && luhnValid(value);
}
