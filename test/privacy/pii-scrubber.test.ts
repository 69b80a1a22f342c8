import { describe, it, expect } from 'vitest';
import { containsPii, isPersonalNameLike, luhnValid, PII_KINDS, scrubPii, type PiiKind } from '../../pipeline/privacy/pii-scrubber.js';

const scrub = (s: string): string => scrubPii(s).text;

/** [input, expected scrubbed text] for one kind. */
type Case = readonly [string, string];

function positives(kind: PiiKind, cases: readonly Case[]): void {
  it.each(cases)(`${kind}: %j`, (input, expected) => {
    const r = scrubPii(input);
    expect(r.text).toBe(expected);
    expect(r.found).toContain(kind);
  });
}

function negatives(label: string, inputs: readonly string[]): void {
  it.each(inputs)(`${label} kept: %j`, (input) => {
    const r = scrubPii(input);
    expect(r.text).toBe(input);
    expect(r.found).toEqual([]);
  });
}

describe('EMAIL', () => {
  positives('EMAIL', [
    ['mail me at Jane.Doe+news@example.co.uk.', 'mail me at [EMAIL].'],
    ['jane_doe99@mail.example.com', '[EMAIL]'],
    ['JOHN@EXAMPLE.ORG please', '[EMAIL] please'],
    ['By Jo Lopez@jo.lopez@vox.com', 'By Jo Lopez@[EMAIL]'],
    ['reach jane(at)example(dot)com', 'reach [EMAIL]'],
    ['reach jane [at] example.com', 'reach [EMAIL]'],
    ['<a href="mailto:bob@example.net">', '<a href="mailto:[EMAIL]">'],
  ]);
  negatives('non-email', ['@username on twitter', 'user@localhost', 'a @ b', 'npm i @types/node@20', 'meet at the cafe (at) noon']);
});

describe('PHONE', () => {
  positives('PHONE', [
    ['call (555) 123-4567 today', 'call [PHONE] today'],
    ['555-123-4567', '[PHONE]'],
    ['555.123.4567 or 555 123 4567', '[PHONE] or [PHONE]'],
    ['1-800-555-0199', '[PHONE]'],
    ['+1 (555) 123-4567', '[PHONE]'],
    ['+44 20 7946 0958', '[PHONE]'],
    ['+44 (0)20 7946 0958.', '[PHONE].'],
    ['+33 6 12 34 56 78', '[PHONE]'],
    ['+4915112345678', '[PHONE]'],
    ['"number": "+49 123 1234567"', '"number": "[PHONE]"'],
    ['020 7946 0958 / 07700 900123 / 07700900123', '[PHONE] / [PHONE] / [PHONE]'],
    ['06 12 34 56 78', '[PHONE]'],
    ['call me at 5551234567', 'call me at [PHONE]'],
    ['my number is 030 1234567', 'my number is [PHONE]'],
    ['phone: 555-1234 ext', 'phone: [PHONE] ext'],
  ]);
  negatives('number', [
    '2 + 2 = 4',
    'x = 10 + 3 - 7',
    'in 1999-2005 and 2019 2020 2021',
    'on 2024-03-15 at 12:30:45',
    'on 15/03/2024 or 03.15.2024',
    'it costs $1,299.99 or €1.299,00',
    'grew +15% to +1234.5678',
    'Sep 2022 0.27 0.14 +0.13 0.27 +4.16 11.88 7.12',
    'version 1.2.3 and v20.17.0',
    'order number is 123456789',
    'I have 100 200 3000 things',
    'score 3-2, room 101, pages 10-12',
    'ISBN 978-3-16-148410-0 and 0-306-40615-2',
    'SELECT * FROM t WHERE id = 5551234567',
    'phone is broken since 2019',
    'call me at 5pm',
  ]);
});

describe('CARD', () => {
  positives('CARD', [
    ['card 4111 1111 1111 1111 exp 12/27', 'card [CARD] exp 12/27'],
    ['4111-1111-1111-1111', '[CARD]'],
    ['4111111111111111', '[CARD]'],
    ['amex 3782 822463 10005', 'amex [CARD]'],
    ['378282246310005', '[CARD]'],
    ['mc 5555555555554444.', 'mc [CARD].'],
  ]);
  negatives('non-card', [
    'order 4111 1111 1111 1112',
    'order #4532015112830367',
    'tracking 1234567890123456',
    'ISBN-13: 9780306406157',
    'ISBN 978-0-306-40615-7',
    'UPC 036000291452',
    'epoch ms 1700000000000',
    '0000 0000 0000 0000',
    '4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1',
    'pi 3.1415926535897932',
  ]);
  it('luhnValid', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('79927398713')).toBe(true);
  });
});

describe('NATIONAL_ID', () => {
  positives('NATIONAL_ID', [
    ['my ssn is 123-45-6789', 'my ssn is [NATIONAL_ID]'],
    ['SSN: 123456789', 'SSN: [NATIONAL_ID]'],
    ['NI number AB 12 34 56 C', 'NI number [NATIONAL_ID]'],
    ['ni ab123456c', 'ni [NATIONAL_ID]'],
    ['my passport number is X1234567', 'my passport number is [NATIONAL_ID]'],
    ["driver's license: D1234-5678", "driver's license: [NATIONAL_ID]"],
    ['aadhaar 1234 5678 9012', 'aadhaar [NATIONAL_ID]'],
    ['my SIN is 046 454 286', 'my SIN is [NATIONAL_ID]'],
  ]);
  negatives('non-id', [
    '000-12-3456 and 666-12-3456 and 900-12-3456',
    '123-00-4567 and 123-45-0000',
    'call 10-20-3040 later',
    'my passport expired in 2019',
    'passport number is in the drawer',
    'ab 12 34 56 c', // spaced lower case is too loose
    'GB 12 34 56 A', // invalid NI prefix
    'frying pan is 12 inches',
  ]);
});

describe('IP', () => {
  positives('IP', [
    ['server at 192.168.1.10.', 'server at [IP].'],
    ['connect to 10.0.0.1:8080', 'connect to [IP]:8080'],
    ['255.255.255.255 and 172.18.159.184', '[IP] and [IP]'],
    ['ipv6 2001:db8:85a3::8a2e:370:7334 ok', 'ipv6 [IP] ok'],
    ['2001:0db8:85a3:0000:0000:8a2e:0370:7334', '[IP]'],
    ['link fe80::1ff:fe23:4567:890a', 'link [IP]'],
    ['mapped ::ffff:192.0.2.128', 'mapped [IP]'],
    ['http://192.168.1.1/admin', 'http://[IP]/admin'],
  ]);
  negatives('non-ip', [
    '256.1.1.1 and 1.2.3 and 1.2.3.4.5 and 0.0.0.0',
    '4.1.2.1 Strategy (section number)',
    'version 1.2.3.4 and v1.2.3.4 and release 10.0.0.1',
    'python3.11.4.1',
    'at 12:30:45 on 2024-01-01T10:00:00',
    'std::vector<int> v; Foo::bar(); arr[1::2]',
    'mac 00:1a:2b:3c:4d:5e',
    'docker run -p 8080:80 nginx:1.25.3',
    'ratio 16:9 and John 3:16',
  ]);
});

describe('URL_TOKEN', () => {
  positives('URL_TOKEN', [
    ['reset via https://example.com/reset?token=abc123&x=1 now', 'reset via https://example.com/[URL_TOKEN] now'],
    ['https://api.example.com/v1/items?api_key=XYZ', 'https://api.example.com/[URL_TOKEN]'],
    ['(see https://s3.amazonaws.com/b/f.pdf?X-Amz-Signature=deadbeef&X-Amz-Credential=a)', '(see https://s3.amazonaws.com/[URL_TOKEN])'],
    ['https://example.com/login#access_token=ya29.a0AfH6', 'https://example.com/[URL_TOKEN]'],
    ['www.example.com/page?session=77', 'www.example.com/[URL_TOKEN]'],
    ['https://example.com/invite/9fA3kQ7zL2mN8pR4tV6wX1yB', 'https://example.com/[URL_TOKEN]'],
    ['https://hooks.example.com/T000/B000/a1b2c3d4e5f6g7h8i9j0k1l2', 'https://hooks.example.com/[URL_TOKEN]'],
    ['postgres://admin:hunter2@db.example.com:5432/app', 'postgres://db.example.com:5432/[URL_TOKEN]'],
    ['https://example.com/p;jsessionid=0123ABCD', 'https://example.com/[URL_TOKEN]'],
  ]);
  negatives('plain url', [
    'https://example.com/docs/getting-started?page=2',
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s',
    'https://en.wikipedia.org/wiki/Python_(programming_language)',
    'https://github.com/foo/bar/commit/0123456789abcdef0123456789abcdef01234567',
    'https://example.com/search?q=password+tips',
    'https://stackoverflow.com/questions/12345678/how-to-x',
  ]);
});

describe('ADDRESS', () => {
  positives('ADDRESS', [
    ['I live at 221B Baker Street, London', 'I live at [ADDRESS], London'],
    ['i live at 42 main st apt 4', 'i live at [ADDRESS]'],
    ['1600 Pennsylvania Ave NW, Washington, DC', '[ADDRESS], Washington, DC'],
    ['ship to 12 Oak Tree Lane, Suite 200.', 'ship to [ADDRESS].'],
    ['350 5th Ave #4B', '[ADDRESS]'],
    ['moved to 7 Elm Ct.', 'moved to [ADDRESS]'],
    ['send it to PO Box 1234', 'send it to [ADDRESS]'],
  ]);
  negatives('non-address', [
    'a 2 hour drive',
    'walk 5 more steps this way',
    'we drove 20 miles down the road',
    'a 4 lane highway and a 2 way street',
    'In 1990 on Elm Street',
    'Chapter 3 Main Street is a book',
    'I have 3 cats and a dog',
    '#N/A 14 CLICK N CLOSE INC',
    'for (int i = 0; i < n; i++) drive(way);',
  ]);
});

describe('API_KEY', () => {
  positives('API_KEY', [
    ['key sk-proj-abcdefghij1234567890ABCD ok', 'key [API_KEY] ok'],
    ['AKIAIOSFODNN7EXAMPLE', '[API_KEY]'],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', '[API_KEY]'],
    ['stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'stripe [API_KEY]'],
    ['Authorization: Bearer abcdef0123456789abcdef0123456789', 'Authorization: Bearer [API_KEY]'],
    ['curl -H "Authorization: Basic dXNlcjpwYXNzd29yZA=="', 'curl -H "Authorization: Basic [API_KEY]"'],
    ['bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N', 'bearer [API_KEY]'],
    ['const apiKey = "abc123xyz";', 'const apiKey = "[API_KEY]";'],
    ['OPENAI_API_KEY=sk-abc123def456ghi789jkl012', 'OPENAI_API_KEY=[API_KEY]'],
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'aws_secret_access_key = [API_KEY]'],
    ['{"password": "correct horse battery"}', '{"password": "[API_KEY]"}'],
    ['my password is hunter2.', 'my password is [API_KEY].'],
    ['my pin is 4821', 'my pin is [API_KEY]'],
    ['-----BEGIN RSA PRIVATE KEY-----\nMIIEow==\n-----END RSA PRIVATE KEY-----', '[API_KEY]'],
  ]);
  negatives('non-secret', [
    'pip install scikit-learn; "sk-learn"',
    'risk-assessment-framework-2024-overview',
    'max_tokens: 256, token_type: "bearer", token count 4096',
    'my password is wrong',
    'the secret is out; the secretary: "Jane"',
    'password = os.environ.get(NAME)',
    'bearer bonds are a thing of the past',
    'token: string; password: str',
  ]);
});

describe('messy text and combinations', () => {
  it('scrubs several kinds in one string', () => {
    const r = scrubPii(
      'hey its jane, jane.doe@example.com or 555-123-4567, card 4111 1111 1111 1111, ip 10.1.2.3, 42 main st, key AKIAIOSFODNN7EXAMPLE',
    );
    expect(r.text).toBe('hey its jane, [EMAIL] or [PHONE], card [CARD], ip [IP], [ADDRESS], key [API_KEY]');
    expect(r.found).toEqual(['EMAIL', 'PHONE', 'CARD', 'IP', 'ADDRESS', 'API_KEY']);
  });

  it('handles lower case, no punctuation, code', () => {
    expect(scrub('ok so my email is bob99@gmail.com and my cell is 555 867 5309 lol')).toBe(
      'ok so my email is [EMAIL] and my cell is [PHONE] lol',
    );
    const code = 'const port = 8080;\nfetch("https://api.example.com/v1?key=AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW", { retries: 3 });\nfor (let i = 0; i < 255; i++) {}';
    expect(scrub(code)).toBe('const port = 8080;\nfetch("https://api.example.com/[URL_TOKEN]", { retries: 3 });\nfor (let i = 0; i < 255; i++) {}');
  });

  it('returns found in PII_KINDS order and empty when clean', () => {
    expect(scrubPii('nothing here, 2 + 2 = 4').found).toEqual([]);
    const order = scrubPii('AKIAIOSFODNN7EXAMPLE a@b.co').found;
    expect(order).toEqual(PII_KINDS.filter((k) => order.includes(k)));
    expect(scrubPii('').text).toBe('');
  });

  it('containsPii agrees with scrubPii', () => {
    expect(containsPii('write to a@b.co')).toBe(true);
    expect(containsPii('version 1.2.3, 2 + 2 = 4')).toBe(false);
  });
});

describe('idempotence', () => {
  const fragments = [
    'jane.doe@example.com', 'jane(at)example(dot)com', '(555) 123-4567', '+44 20 7946 0958', '4111 1111 1111 1111', '123-45-6789',
    'AB 12 34 56 C', '192.168.1.10', '2001:db8::1', 'https://example.com/reset?token=abc123', 'postgres://u:p@h.example.com/db',
    '221B Baker Street', '42 main st apt 4', 'sk-abc123def456ghi789jkl012', 'Bearer abcdef0123456789abcdef', 'password: "x1y2z3"',
    'my pin is 4821', 'passport number X1234567', 'call me at 5551234567', 'version 1.2.3.4', '2024-03-15', '$1,299.99', 'v1.2.3',
    '2 + 2 = 4', 'order 4111 1111 1111 1112', 'std::vector', 'hello', '42', '1', '0', 'a', 'Main', 'St', '[EMAIL]', 'www.x.com',
  ];
  const separators = ['', ' ', '  ', '\n', ',', '.', '-', ':', '@', '/', '(', ')', '=', '+', '#', '[', ']'];

  it.each([
    'mail jane.doe@example.com, call (555) 123-4567, https://example.com/a?token=1 and 1 Main St',
    'https://[URL_TOKEN]@x.com/?email=a@b.co&t=1',
    'token = "[API_KEY]" passport number [NATIONAL_ID]',
  ])('scrub(scrub(x)) === scrub(x): %j', (s) => {
    const once = scrub(s);
    expect(scrub(once)).toBe(once);
  });

  it('holds on 2,000 seeded random concatenations', () => {
    let seed = 12345;
    const next = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    for (let i = 0; i < 2000; i++) {
      let s = '';
      for (let j = 0, len = 1 + next(6); j < len; j++) s += fragments[next(fragments.length)]! + separators[next(separators.length)]!;
      const once = scrubPii(s);
      const twice = scrubPii(once.text);
      expect(twice.text, JSON.stringify(s)).toBe(once.text);
      expect(twice.found, JSON.stringify(s)).toEqual([]);
    }
  });
});

describe('ReDoS guard: 100 kB adversarial inputs complete', () => {
  const N = 100_000;
  const rep = (s: string): string => s.repeat(Math.ceil(N / s.length)).slice(0, N);
  it.each([
    ['letters', rep('a')],
    ['digits', rep('1')],
    ['digit-space', rep('1 ')],
    ['digit-dash', rep('1-')],
    ['digit-dot', rep('1.')],
    ['at-signs', rep('a@')],
    ['email-ish no at', `${rep('a.b-c_d%e+f')}@`],
    ['plus-digits', rep('+1 ')],
    ['colons', rep(':')],
    ['hex-colons', rep('a:')],
    ['urls', rep('http://')],
    ['long url', `https://${rep('a1')}`],
    ['bearers', rep('Bearer ')],
    ['assignments', rep('password=')],
    ['address-ish', rep('12 Oak Elm Pine Fir ')],
    ['card-ish', rep('4111 ')],
    ['parens', rep('(555) ')],
    ['jwt-ish', `eyJ${rep('a')}`],
    ['pem headers', rep('-----BEGIN RSA PRIVATE KEY-----')],
    ['obfuscated at', rep('jane(at)')],
    ['labels', rep('passport number is ')],
    ['spaces', `1${' '.repeat(N)}x`],
    ['mixed pii', rep('call 555-123-4567 or mail a@b.co at 10.0.0.1 ')],
  ])('%s', (_label, input) => {
    const r = scrubPii(input);
    expect(typeof r.text).toBe('string');
  });
});

describe('isPersonalNameLike', () => {
  it.each(['Sarah', 'Jean-Luc Picard', 'Dr Smith', 'J. R. R. Tolkien', 'Ludwig van Beethoven', 'José García', "O'Brien", 'Mary McDonald'])(
    'name: %j',
    (v) => expect(isPersonalNameLike(v)).toBe(true),
  );
  it.each(['jane@example.com', '+44 20 7946 0958', '221B Baker Street'])('value that is PII: %j', (v) => expect(isPersonalNameLike(v)).toBe(true));
  it.each(['', 'Python', 'New York', 'teacher', 'Machine Learning', 'I', 'Dr', 'Monday', 'the Beatles', 'Anna Maria Lucia Rosa', 'ADHD', 'loves hiking'])(
    'not a name: %j',
    (v) => expect(isPersonalNameLike(v)).toBe(false),
  );
});
