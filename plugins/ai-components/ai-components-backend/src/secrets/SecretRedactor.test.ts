import { SecretRedactor } from './SecretRedactor';

describe('SecretRedactor', () => {
  it('blanks remembered values out of text and forgets the oldest first', () => {
    const redactor = new SecretRedactor(2);
    redactor.remember('sk-first');
    redactor.remember('sk-second');
    expect(redactor.redact('key sk-second and sk-first')).toBe(
      'key *** and ***',
    );
    redactor.remember('sk-third');
    expect(redactor.redact('sk-first sk-third')).toBe('sk-first ***');
    redactor.remember('abc');
    expect(redactor.redact('abc')).toBe('abc');
  });
});
