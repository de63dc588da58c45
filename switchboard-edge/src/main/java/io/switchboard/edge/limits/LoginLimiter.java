package io.switchboard.edge.limits;

import io.switchboard.edge.users.Users;

/**
 * The login failure limits (SPEC C5 rate limits; issue 11 point 1; docs/edge.md "Rate limits"):
 * every login attempt takes a token from its client IP's bucket ({@code edge.loginFailuresPerIp}
 * per minute) and from its account's bucket (the lower-case email, registered or not: {@code
 * edge.loginFailuresPerAccount} per minute); a successful login gives both back, so only failures
 * count. An attempt with either bucket empty is answered 429 with {@code Retry-After} before the
 * password is looked at, the same for a known and an unknown email.
 */
public final class LoginLimiter {
  private final TokenBuckets perAccount;
  private final TokenBuckets perIp;

  /**
   * @param perAccount failures per email per minute, 1 or more
   * @param perIp failures per client IP per minute, 1 or more
   */
  public LoginLimiter(int perAccount, int perIp) {
    this.perAccount = new TokenBuckets(perAccount, System::nanoTime);
    this.perIp = new TokenBuckets(perIp, System::nanoTime);
  }

  /**
   * Takes the attempt's tokens.
   *
   * @return 0 when the attempt may go on; else the seconds for {@code Retry-After} (nothing taken)
   */
  public long attempt(String email, String ip) {
    long ipWait = perIp.take(ip);
    if (ipWait > 0) {
      return ipWait;
    }
    long accountWait = perAccount.take(Users.emailKey(email));
    if (accountWait > 0) {
      perIp.refund(ip);
    }
    return accountWait;
  }

  /** The attempt succeeded: its tokens come back. */
  public void succeeded(String email, String ip) {
    perIp.refund(ip);
    perAccount.refund(Users.emailKey(email));
  }
}
