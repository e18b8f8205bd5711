import { originAllowed } from './origins';

describe('originAllowed', () => {
  const allowed = ['https://tv.example.com'];

  it('lets requests without Origin through (not a browser calling cross-origin)', () => {
    expect(originAllowed(undefined, ['api:3000'], [])).toBe(true);
  });

  it('lets the page the API serves through: its origin names the host it calls', () => {
    expect(originAllowed('http://10.0.0.5:3000', ['10.0.0.5:3000'], [])).toBe(true);
    expect(originAllowed('http://WALLBOARD.local:3000', ['wallboard.local:3000'], [])).toBe(true);
    // Behind a proxy that rewrites Host, the forwarded host is the page's.
    expect(
      originAllowed('https://mieruka.example.com', ['api:3000', 'mieruka.example.com'], []),
    ).toBe(true);
  });

  it('lets listed origins through, exactly', () => {
    expect(originAllowed('https://tv.example.com', ['api:3000'], allowed)).toBe(true);
    expect(originAllowed('http://tv.example.com', ['api:3000'], allowed)).toBe(false);
    expect(originAllowed('https://tv.example.com:8443', ['api:3000'], allowed)).toBe(false);
  });

  it('refuses every other origin, and origins that are not URLs', () => {
    expect(originAllowed('https://evil.example', ['api:3000'], allowed)).toBe(false);
    // Same host name, another port: another origin.
    expect(originAllowed('http://10.0.0.5:8080', ['10.0.0.5:3000'], [])).toBe(false);
    expect(originAllowed('null', ['api:3000'], allowed)).toBe(false);
    expect(originAllowed(['https://tv.example.com'], ['api:3000'], allowed)).toBe(false);
    expect(originAllowed('https://evil.example', [undefined], [])).toBe(false);
  });
});
