/**
 * How go-jsonnet v0.21.0 turns a number into a string (`std.toString`, `'' + x`, `'%s' % x`,
 * `std.manifestJson`…): whole numbers with `%.0f` (every digit of the double), others with `%.17g`.
 * This project's engine writes the shortest round-trip form instead, so `0.1` is `0.1` here and
 * `0.10000000000000001` in Ory.
 *
 * @module
 */

/**
 * Formats a number as go-jsonnet's `unparseNumber` does.
 *
 * @param value a finite number.
 * @returns the text go-jsonnet produces, such as `0.10000000000000001` for `0.1`.
 */
export function goJsonnetNumberString(value: number): string {
  if (Number.isInteger(value)) return Object.is(value, -0) ? "-0" : BigInt(value).toString();
  // %.17g: 17 significant digits, exponent form below 1e-4 or from 1e17, trailing zeros dropped.
  const [digits, exponentText] = value.toExponential(16).split("e") as [string, string];
  const exponent = Number(exponentText);
  const negative = digits.startsWith("-");
  const mantissa = digits.replace(/^-/, "").replace(".", "");
  let text: string;
  if (exponent < -4 || exponent >= 17) {
    const fraction = mantissa.slice(1).replace(/0+$/, "");
    const sign = exponent < 0 ? "-" : "+";
    text = `${mantissa[0]}${fraction === "" ? "" : `.${fraction}`}e${sign}${
      String(Math.abs(exponent)).padStart(2, "0")
    }`;
  } else if (exponent < 0) {
    text = `0.${"0".repeat(-exponent - 1)}${mantissa}`.replace(/0+$/, "");
  } else {
    const whole = mantissa.slice(0, exponent + 1);
    const fraction = mantissa.slice(exponent + 1).replace(/0+$/, "");
    text = fraction === "" ? whole : `${whole}.${fraction}`;
  }
  return negative ? `-${text}` : text;
}
