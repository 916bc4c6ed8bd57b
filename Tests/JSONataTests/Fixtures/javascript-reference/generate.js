// Writes javascript-reference.json: what Node's JavaScript gives for the primitives jsonata-js's functions build
// on, so the Swift versions can be checked against them. Run with `node generate.js` (Node 20 was used).
const fs = require('fs');
const view = new DataView(new ArrayBuffer(8));
const bits = (x) => { view.setFloat64(0, x); return view.getBigUint64(0).toString(16); };
let seed = 12345;  // a fixed linear congruential sequence, so the file is reproducible
const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };

const numbers = [0.1 + 0.2, 1234567890123465, 90.57000000000001, 5e-324, 1.7976931348623157e308,
  123456789012345680, 0.000001234567890123456, 1e21, 999999999999999.9, 0.9999999999999999];
for (let i = 0; i < 600; i++) {
  numbers.push((random() - 0.5) * Math.pow(10, Math.floor(random() * 60) - 30));
  numbers.push(Math.round(random() * 1e16) / Math.pow(10, Math.floor(random() * 20)));
}
const attempt = (f) => { try { return f(); } catch (e) { return null; } };
const texts = ['', ' 12 ', '1.', '.5', '-.5', '+1', '1e3', '1E+3', '0x1F', '0X1f', '0o17', '0b101', '-0x1', '0x',
  'abc', 'Infinity', '-Infinity', '+Infinity', '1_000', '1e', '\u00a012\u2028', '0b102', '00012', '1.2.3', 'NaN',
  '0.0e-5'];
const escaped = ['%41%42', '%3B%2F%3F%3A%40%26%3D%2B%24%2C%23', '%e2%82%ac', '%E2%82', '%E2%82%2C', '%F0%9F%98%80',
  '%F4%90%80%80', '%C2%A9x%', '%%41', 'a%2', '%ED%9F%BF', '%EF%BF%BF', '%C1%BF', '%E0%9F%BF', '%F0%8F%BF%BF',
  'plain text ü', '%25', '%ED%A0%80', '%80'];
const unescaped = ['a b', 'ü€😀', ';/?:@&=+$,#-_.!~*\'()[]{}|\\^`"<>%', '\u0000\u007f'];
const base64 = ['aGVsbG8', 'aGVsbG8=', 'aGVs bG8=', 'a', 'ab', 'abc', 'ab=c', '-_-_', 'w6k=', '////',
  'aGVsbG8\n\twor', 'Zm9v!YmFy', 'Zg==Zg==', '4pyTIMOgIGxhIG1vZGU='];
const binary = ['', 'é', '€', 'hello:world', 'ab', '😀'];

fs.writeFileSync('javascript-reference.json', JSON.stringify({
  toPrecision15: numbers.map((x) => [bits(x), String(Number(x.toPrecision(15)))]),
  number: texts.map((s) => [s, String(Number(s))]),
  decodeURI: escaped.map((s) => [s, attempt(() => decodeURI(s))]),
  decodeURIComponent: escaped.map((s) => [s, attempt(() => decodeURIComponent(s))]),
  encodeURI: unescaped.map((s) => [s, encodeURI(s)]),
  encodeURIComponent: unescaped.map((s) => [s, encodeURIComponent(s)]),
  base64ToBinary: base64.map((s) => [s, Buffer.from(s, 'base64').toString('binary')]),
  binaryToBase64: binary.map((s) => [s, Buffer.from(s, 'binary').toString('base64')]),
}, null, 1) + '\n');
