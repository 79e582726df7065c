
namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// A failed bearer authentication (djoauth2 <c>AuthenticationError</c> + <c>expose_errors</c>): the RFC 6750 §3.1 error
/// code and description, the HTTP status, whether the details may be shown, and the scopes the resource needs.
/// </summary>
public sealed record BearerError(string? Code, string? Description, int StatusCode, bool ExposeDetails, IReadOnlyCollection<string> RequiredScopes)
{
    /// <summary>The scheme of the challenge: <c>DPoP</c> for errors about DPoP-bound tokens and proofs (RFC 9449 §7.1), else <c>Bearer</c>.</summary>
    public bool Dpop { get; init; }

    /// <summary>RFC 9449 §7.1: a DPoP-bound token without a good proof (or sent as a bearer token).</summary>
    public static BearerError InvalidDpopProof(string description) =>
        new(OAuthErrorCodes.InvalidDpopProof, description, StatusCodes.Status401Unauthorized, true, []) { Dpop = true };

    /// <summary>RFC 9449 §9: the proof lacks a current server nonce; the challenge carries a new one (<c>DPoP-Nonce</c>).</summary>
    public static BearerError UseDpopNonce(string description) =>
        new(OAuthErrorCodes.UseDpopNonce, description, StatusCodes.Status401Unauthorized, true, []) { Dpop = true };

    /// <summary>RFC 9449 §7.2: a DPoP-bound token presented as a bearer token, or the key of its proof not the one it is bound to.</summary>
    public static BearerError InvalidDpopToken(string description) => InvalidToken(description) with { Dpop = true };

    /// <summary>No credentials at all: 401 with the bare challenge (RFC 6750 §3.1: no error information).</summary>
    public static BearerError NoCredentials() => new(null, null, StatusCodes.Status401Unauthorized, false, []);

    /// <summary>RFC 6750 §1, §5.3: bearer tokens only over TLS (djoauth2: 400 without details).</summary>
    public static BearerError Insecure() => new(OAuthErrorCodes.InvalidRequest, null, StatusCodes.Status400BadRequest, false, []);

    public static BearerError InvalidRequest(string description) =>
        new(OAuthErrorCodes.InvalidRequest, description, StatusCodes.Status400BadRequest, true, []);

    public static BearerError InvalidToken(string description) =>
        new(OAuthErrorCodes.InvalidToken, description, StatusCodes.Status401Unauthorized, true, []);

    public static BearerError InsufficientScope(IReadOnlyCollection<string> required, string? description = null) =>
        new(OAuthErrorCodes.InsufficientScope, description ?? "The access token does not grant every scope this resource requires.",
            StatusCodes.Status403Forbidden, true, required);
}
