using System.Diagnostics.Metrics;
using OAuthPortal.OAuth.Token;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Events;

/// <summary>
/// The portal's own instruments (meter <see cref="MeterName"/>, System.Diagnostics.Metrics), created once per host and
/// incremented where each rule lives: one counter increment per event, tags only from fixed sets (grant types and
/// error codes the portal defines), so nothing here allocates per request or grows without bound. With no listener
/// (no exporter configured) an increment costs a field read. The README's Monitoring section lists them.
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "OAuthPortal";

    /// <summary>The <c>reason</c> of a bearer rejection that carried no error code (RFC 6750 §3.1: no credentials sent).</summary>
    public const string MissingToken = "missing_token";

    /// <summary>The <c>reason</c> of a bare 403 from a Bearer policy that did not fail on scopes.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The <c>reason</c> of a failed sign-in: a wrong password (also for an address without an account).</summary>
    public const string WrongPassword = "wrong_password";

    /// <summary>The <c>reason</c> of a failed sign-in: too many attempts, the password was not even checked.</summary>
    public const string LockedOut = "locked_out";

    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _tokenErrors;
    private readonly Counter<long> _bearerAccepted;
    private readonly Counter<long> _bearerRejected;
    private readonly Counter<long> _replays;
    private readonly Counter<long> _signInFailures;
    private readonly Counter<long> _pruningRuns;
    private readonly Counter<long> _prunedRows;

    public PortalMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _tokensIssued = Meter.CreateCounter<long>("oauthportal.tokens.issued", "{token}",
            "Successful token responses of the token endpoint, by grant_type.");
        _tokenErrors = Meter.CreateCounter<long>("oauthportal.token.errors", "{error}",
            "Error responses of the token endpoint, by RFC 6749 error code.");
        _bearerAccepted = Meter.CreateCounter<long>("oauthportal.bearer.accepted", "{request}",
            "Access tokens found valid at a protected resource (live, meant for it, key proven; with the scopes the gate required, when it named any). A valid token then refused by a scope policy or userinfo also counts in oauthportal.bearer.rejected.");
        _bearerRejected = Meter.CreateCounter<long>("oauthportal.bearer.rejected", "{request}",
            "Requests to a protected resource refused, by reason (RFC 6750 error code, missing_token or forbidden).");
        _replays = Meter.CreateCounter<long>("oauthportal.replays.detected", "{replay}",
            "Spent authorization codes or rotated refresh tokens presented again (their token family is revoked).");
        _signInFailures = Meter.CreateCounter<long>("oauthportal.sign_in.failures", "{attempt}",
            "Failed password checks at sign-in (and before account deletion), by reason: wrong_password or locked_out.");
        _pruningRuns = Meter.CreateCounter<long>("oauthportal.pruning.runs", "{run}",
            "Pruning runs done by this instance, by outcome: completed or failed.");
        _prunedRows = Meter.CreateCounter<long>("oauthportal.pruning.rows", "{row}",
            "Rows deleted by pruning (tokens, codes, device codes, used JWT ids, sessions, attempt counters, one-time secrets).");
    }

    /// <summary>The meter, for instruments composed elsewhere (the active-token gauge needs the database).</summary>
    public Meter Meter { get; }

    public void TokenIssued(string grantType) => _tokensIssued.Add(1, new KeyValuePair<string, object?>(P.GrantType, grantType));

    public void TokenError(string error) => _tokenErrors.Add(1, new KeyValuePair<string, object?>(P.Error, error));

    public void BearerAccepted() => _bearerAccepted.Add(1);

    public void BearerRejected(string reason) => _bearerRejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void ReplayDetected(ReplayedCredential credential) => _replays.Add(1, new KeyValuePair<string, object?>("credential",
        credential == ReplayedCredential.AuthorizationCode ? P.GrantAuthorizationCode : P.GrantRefreshToken));

    public void SignInFailed(string reason) => _signInFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void PruningCompleted(long rows)
    {
        _pruningRuns.Add(1, new KeyValuePair<string, object?>("outcome", "completed"));
        _prunedRows.Add(rows);
    }

    public void PruningFailed() => _pruningRuns.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
}
