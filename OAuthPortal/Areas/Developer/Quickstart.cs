using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Api;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Bearer;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Secrets;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Areas.Developer;

/// <summary>The ready-to-copy values of a client's quickstart panel, built from what the portal knows about it.</summary>
public static class Quickstart
{
    public const string SecretPlaceholder = "YOUR_CLIENT_SECRET";

    public static IReadOnlyList<QuickstartItem> Build(string issuer, ClientDetails client, string scope)
    {
        var verifier = TokenGenerator.NewSecret(); // 43 base64url characters: a valid RFC 7636 verifier
        var redirectUri = client.RedirectUris[0];
        var authorizationUrl = QueryHelpers.AddQueryString(issuer + AuthorizationServerMetadata.AuthorizationPath, new Dictionary<string, string?>
        {
            [P.ResponseType] = P.ResponseTypeCode,
            [P.ClientId] = client.ClientId,
            [P.RedirectUri] = redirectUri,
            [P.Scope] = scope,
            [P.State] = TokenGenerator.NewClientId(),
            [P.CodeChallenge] = RequirePkceForPublicClients.S256Challenge(verifier),
            [P.CodeChallengeMethod] = RequirePkceForPublicClients.S256,
        });
        var credentials = client.Type == ClientType.Confidential
            ? $"-u {Shell($"{client.ClientId}:{SecretPlaceholder}")}"
            : $"--data-urlencode {Shell($"{P.ClientId}={client.ClientId}")}";
        var token = issuer + AuthorizationServerMetadata.TokenPath;
        return
        [
            new("metadata", "Metadata URL", issuer + AuthorizationServerMetadata.WellKnownPath, "Client libraries discover every endpoint from it."),
            new("authorize", "Authorization URL", authorizationUrl,
                "Open it in a browser, sign in and allow; the redirect brings back code and state (check that state matches)."),
            new("verifier", "PKCE code_verifier", verifier, "Keep it: the code exchange must send it."),
            new("exchange", "Exchange the code", Curl(token, credentials,
                $"{P.GrantType}={P.GrantAuthorizationCode}", $"{P.Code}=CODE_FROM_THE_REDIRECT", $"{P.RedirectUri}={redirectUri}", $"{P.CodeVerifier}={verifier}")),
            new("refresh", "Refresh the tokens", Curl(token, credentials, $"{P.GrantType}={P.GrantRefreshToken}", $"{P.RefreshToken}=REFRESH_TOKEN")),
            new("revoke", "Revoke a token", Curl(issuer + AuthorizationServerMetadata.RevocationPath, credentials, $"{P.Token}=ACCESS_OR_REFRESH_TOKEN")),
            new("api", "Call the sample API", $"curl {Shell(issuer + PortalApi.MePath)} -H {Shell($"Authorization: {BearerScheme.Name} ACCESS_TOKEN")}"),
        ];
    }

    private static string Curl(string url, string credentials, params string[] fields) =>
        $"curl -X POST {Shell(url)} {credentials}" + string.Concat(fields.Select(f => $" \\\n  --data-urlencode {Shell(f)}"));

    /// <summary>A POSIX shell single-quoted word.</summary>
    private static string Shell(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
