import { SignedTokens } from '../../src/platform/signed-token';

describe('SignedTokens', () => {
  const tokens = new SignedTokens('a session secret of the test run, long enough');
  const now = new Date('2026-12-07T08:00:00Z');
  const start = new Date('2026-12-07T10:00:00Z');

  it('when a token is verified before it expires, it gives back who, what and a unique id', () => {
    const token = tokens.sign('confirmation', 'jeune-1', 'rdv-1', start);
    const claims = tokens.verify(token, 'confirmation', now);
    expect(claims).toEqual(jasmine.objectContaining({ purpose: 'confirmation', sub: 'jeune-1', obj: 'rdv-1', exp: start.getTime() / 1000 }));
    expect(claims?.jti).not.toEqual(tokens.verify(tokens.sign('confirmation', 'jeune-1', 'rdv-1', start), 'confirmation', now)?.jti);
  });

  it('when the rendez-vous has started, the token no longer passes', () => {
    const token = tokens.sign('confirmation', 'jeune-1', 'rdv-1', start);
    expect(tokens.verify(token, 'confirmation', start)).toBeNull();
  });

  it('when a token is altered, signed with another secret or used for another purpose, it does not pass', () => {
    const token = tokens.sign('confirmation', 'jeune-1', 'rdv-1', start);
    const [body, mac] = token.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), obj: 'rdv-2' })).toString('base64url');
    expect(tokens.verify(`${forgedBody}.${mac}`, 'confirmation', now)).toBeNull();
    expect(new SignedTokens('another secret, just as long as the first').verify(token, 'confirmation', now)).toBeNull();
    expect(tokens.verify(token, 'acquittement', now)).toBeNull();
    expect(tokens.verify(`${token}.x`, 'confirmation', now)).toBeNull();
    expect(tokens.verify('garbage', 'confirmation', now)).toBeNull();
  });
});
