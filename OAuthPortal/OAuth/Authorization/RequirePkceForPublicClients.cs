using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Http;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// PKCE (RFC 7636), both halves in one place: the authorization request must carry an S256 <c>code_challenge</c> when
/// the client is public or follows the FAPI 2.0 profile (and, with OAuth:RequirePkceForConfidentialClients, always;
/// RFC 9700 §2.1.1), and the token
/// request must then prove it with the <c>code_verifier</c> (§4.6).
/// </summary>
public static class RequirePkceForPublicClients
{
    /// <summary>The only method accepted (RFC 9700 §2.1.1: <c>plain</c> must not be used).</summary>
    public const string S256 = "S256";

    public const int MinLength = 43;
    public const int MaxLength = 128;

    /// <summary>Whether <paramref name="client"/>'s authorization requests must carry a code_challenge.</summary>
    public static bool AppliesTo(Client client, bool requiredForConfidentialClients) =>
        client.Type == ClientType.Public || requiredForConfidentialClients || Clients.Fapi2SecurityProfile.AppliesTo(client);

    /// <summary>RFC 7636 §4.3 at the authorization endpoint: S256 only; required when <see cref="AppliesTo"/>.</summary>
    public static OAuthError? CheckAuthorizationRequest(ProtocolParameters parameters, Client client, bool requiredForConfidentialClients)
    {
        var challenge = parameters.Get(P.CodeChallenge);
        var method = parameters.Get(P.CodeChallengeMethod);
        if (method is not null && method != S256)
        {
            return OAuthError.InvalidRequest("'code_challenge_method' must be S256 (plain is not supported).");
        }

        if (challenge is null)
        {
            if (method is not null)
            {
                return OAuthError.InvalidRequest("'code_challenge_method' was sent without 'code_challenge'.");
            }

            return AppliesTo(client, requiredForConfidentialClients) ? OAuthError.InvalidRequest("'code_challenge' is required (PKCE with S256).") : null;
        }

        return IsWellFormed(challenge)
            ? null
            : OAuthError.InvalidRequest("'code_challenge' must be 43 to 128 characters of [A-Z a-z 0-9 - . _ ~].");
    }

    /// <summary>RFC 7636 §4.6 at the token endpoint; RFC 9700 §4.8: a verifier without a challenge is a downgrade attempt.</summary>
    public static OAuthError? CheckTokenRequest(string? codeChallenge, string? verifier)
    {
        if (codeChallenge is null)
        {
            return verifier is null ? null : new OAuthError(OAuthErrorCodes.InvalidGrant, "'code_verifier' was sent but the authorization request had no code_challenge.");
        }

        return verifier is not null && Verifies(verifier, codeChallenge)
            ? null
            : new OAuthError(OAuthErrorCodes.InvalidGrant, "'code_verifier' is missing or does not match the code_challenge.");
    }

    /// <summary>RFC 7636 §4.1/§4.2: 43-128 characters of <c>[A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~"</c>.</summary>
    public static bool IsWellFormed(string? value) =>
        value is { Length: >= MinLength and <= MaxLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~');

    /// <summary>BASE64URL(SHA256(ASCII(verifier))), RFC 7636 §4.2.</summary>
    public static string S256Challenge(string verifier) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    /// <summary>Constant-time check that <paramref name="verifier"/> answers <paramref name="challenge"/> (RFC 7636 §4.6).</summary>
    public static bool Verifies(string verifier, string challenge) =>
        IsWellFormed(verifier) &&
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(S256Challenge(verifier)), Encoding.ASCII.GetBytes(challenge));
}
