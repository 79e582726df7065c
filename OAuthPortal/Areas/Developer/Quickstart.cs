using Microsoft.AspNetCore.WebUtilities;
using OAuthPortal.Api;
using OAuthPortal.Components;
using OAuthPortal.Data;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Bearer;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Secrets;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Areas.Developer;

/// <summary>
/// The ready-to-copy values of a client's quickstart panel, built from what the portal knows about it: only the items
/// of the grant types it may use (authorization code with PKCE, refresh, the device flow, client credentials).
/// </summary>
public static class Quickstart
{
    public const string SecretPlaceholder = "YOUR_CLIENT_SECRET";

    /// <summary>What a private_key_jwt client sends instead of a secret: a fresh assertion signed with its private key (RFC 7523 §3).</summary>
    public const string AssertionPlaceholder = "YOUR_SIGNED_CLIENT_ASSERTION";

    public const string CodePlaceholder = "CODE_FROM_THE_REDIRECT";

    /// <param name="scope">The scope the user-facing examples ask for.</param>
    /// <param name="devicePollingInterval">The <c>interval</c> the device authorization endpoint answers (OAuth:DevicePollingInterval).</param>
    /// <param name="pkce">The verifier and state of the authorization URL; null: a fresh pair for this call.</param>
    /// <param name="preferredRedirectUri">The redirect URI to use when the client has it (the test callback); else its first.</param>
    public static IReadOnlyList<QuickstartItem> Build(string issuer, ClientDetails client, string scope, TimeSpan devicePollingInterval,
        QuickstartPkce? pkce = null, string? preferredRedirectUri = null)
    {
        bool Allows(string grantType) => client.GrantTypes.Contains(grantType);
        var credentials = Credentials(client);
        var token = issuer + AuthorizationServerMetadata.TokenPath;
        var items = new List<QuickstartItem>
        {
            new("metadata", "Metadata URL", issuer + AuthorizationServerMetadata.WellKnownPath, "Client libraries discover every endpoint from it."),
        };
        if (Allows(P.GrantAuthorizationCode) && client.RedirectUris.Count > 0)
        {
            var redirectUri = preferredRedirectUri is not null && client.RedirectUris.Contains(preferredRedirectUri) ? preferredRedirectUri : client.RedirectUris[0];
            items.AddRange(AuthorizationCode(issuer, client, scope, pkce ?? new(TokenGenerator.NewSecret(), TokenGenerator.NewClientId()), redirectUri));
        }

        if (Allows(P.GrantDeviceCode))
        {
            items.Add(new("device-authorization", "Start the device flow", Curl(issuer + AuthorizationServerMetadata.DeviceAuthorizationPath, credentials,
                $"{P.Scope}={scope}"), $"Show the user the {P.UserCode} and the {P.VerificationUri} of the answer; they approve on another screen. " +
                $"Keep its {P.DeviceCode} and {P.Interval}."));
            items.Add(new("device-poll", "Poll for the tokens", PollingLoop(token, credentials, (int)devicePollingInterval.TotalSeconds),
                $"Asks every {P.Interval} seconds until the user has answered: waits on {OAuthErrorCodes.AuthorizationPending}, " +
                $"waits 5 seconds longer after {OAuthErrorCodes.SlowDown}, and prints the tokens or the error that ends it."));
        }

        if (Allows(P.GrantRefreshToken))
        {
            items.Add(new("refresh", "Refresh the tokens", Curl(token, credentials, $"{P.GrantType}={P.GrantRefreshToken}", $"{P.RefreshToken}=REFRESH_TOKEN")));
        }

        if (Allows(P.GrantClientCredentials))
        {
            var machineScope = client.MachineScopes.Count > 0 ? new[] { $"{P.Scope}={string.Join(' ', client.MachineScopes)}" } : [];
            items.Add(new("client-credentials", "Get a token for your app (no user)", Curl(token, credentials, [$"{P.GrantType}={P.GrantClientCredentials}", .. machineScope]),
                client.MachineScopes.Count > 0 ? "The token carries machine scopes only: no user is involved."
                    : "This client has no machine scopes yet: choose them on Edit (until then the request is refused with invalid_scope)."));
        }

        items.Add(new("revoke", "Revoke a token", Curl(issuer + AuthorizationServerMetadata.RevocationPath, credentials, $"{P.Token}=ACCESS_OR_REFRESH_TOKEN")));
        if (Allows(P.GrantAuthorizationCode) || Allows(P.GrantDeviceCode))
        {
            items.Add(new("api", "Call the sample API", Get(issuer + PortalApi.MePath)));
        }

        if (Allows(P.GrantClientCredentials))
        {
            items.Add(new("status-api", "Call the sample machine API", Get(issuer + PortalApi.StatusPath), $"It needs a token with the machine scope {PortalApi.StatusScope}."));
        }

        return items;
    }

    /// <summary>
    /// The code exchange at the token endpoint (RFC 6749 §4.1.3, RFC 7636 §4.5) with what is known filled in: the client's
    /// credentials (or placeholders when <paramref name="client"/> is null), the code, the redirect URI and the verifier.
    /// </summary>
    public static string Exchange(string issuer, ClientDetails? client, string code, string redirectUri, string? verifier) =>
        Curl(issuer + AuthorizationServerMetadata.TokenPath, client is null ? $"-u {Shell("YOUR_CLIENT_ID:" + SecretPlaceholder)}" : Credentials(client),
            $"{P.GrantType}={P.GrantAuthorizationCode}", $"{P.Code}={code}", $"{P.RedirectUri}={redirectUri}", $"{P.CodeVerifier}={verifier ?? "YOUR_CODE_VERIFIER"}");

    /// <summary>How the client authenticates in a curl command: client_id alone (public), a signed assertion, or HTTP Basic.</summary>
    private static string Credentials(ClientDetails client) => client.Type != ClientType.Confidential
        ? $"--data-urlencode {Shell($"{P.ClientId}={client.ClientId}")}"
        : client.TokenEndpointAuthMethod == OAuth.Clients.ClientAuthenticationMethod.PrivateKeyJwt
            ? $"--data-urlencode {Shell($"{P.ClientAssertionType}={P.ClientAssertionTypeJwtBearer}")} --data-urlencode {Shell($"{P.ClientAssertion}={AssertionPlaceholder}")}"
            : $"-u {Shell($"{client.ClientId}:{SecretPlaceholder}")}";

    private static IEnumerable<QuickstartItem> AuthorizationCode(string issuer, ClientDetails client, string scope, QuickstartPkce pkce, string redirectUri)
    {
        var verifier = pkce.Verifier; // 43 base64url characters: a valid RFC 7636 verifier
        var authorizationUrl = QueryHelpers.AddQueryString(issuer + AuthorizationServerMetadata.AuthorizationPath, new Dictionary<string, string?>
        {
            [P.ResponseType] = P.ResponseTypeCode,
            [P.ClientId] = client.ClientId,
            [P.RedirectUri] = redirectUri,
            [P.Scope] = scope,
            [P.State] = pkce.State,
            [P.CodeChallenge] = RequirePkceForPublicClients.S256Challenge(verifier),
            [P.CodeChallengeMethod] = RequirePkceForPublicClients.S256,
        });
        yield return new("authorize", "Authorization URL", authorizationUrl,
            redirectUri.EndsWith(TestCallback.Path, StringComparison.Ordinal)
                ? "Open it, sign in and allow: the portal's test callback then shows the code, the state and the exchange filled in."
                : "Open it in a browser, sign in and allow; the redirect brings back code and state (check that state matches).") { IsLink = true };
        yield return new(QuickstartItem.VerifierId, "PKCE code_verifier", verifier, "Keep it: the code exchange must send it.");
        yield return new("exchange", "Exchange the code", Exchange(issuer, client, CodePlaceholder, redirectUri, verifier));
    }

    /// <summary>
    /// A POSIX shell loop polling the token endpoint for a device code (RFC 8628 §3.4, §3.5): every interval seconds
    /// while the answer is authorization_pending, 5 seconds more after each slow_down, until anything else.
    /// </summary>
    private static string PollingLoop(string tokenUrl, string credentials, int interval) => $"""
        interval={interval}
        while :; do
          sleep "$interval"
          response=$(curl -s -X POST {Shell(tokenUrl)} {credentials} \
            --data-urlencode {Shell($"{P.GrantType}={P.GrantDeviceCode}")} \
            --data-urlencode {Shell($"{P.DeviceCode}=DEVICE_CODE")})
          case "$response" in
            *'"{OAuthErrorCodes.AuthorizationPending}"'*) ;;
            *'"{OAuthErrorCodes.SlowDown}"'*) interval=$((interval + 5)) ;;
            *) printf '%s\n' "$response"; break ;;
          esac
        done
        """;

    private static string Get(string url) => $"curl {Shell(url)} -H {Shell($"Authorization: {BearerScheme.Name} ACCESS_TOKEN")}";

    private static string Curl(string url, string credentials, params string[] fields) =>
        $"curl -X POST {Shell(url)} {credentials}" + string.Concat(fields.Select(f => $" \\\n  --data-urlencode {Shell(f)}"));

    /// <summary>A POSIX shell single-quoted word.</summary>
    private static string Shell(string value) => "'" + value.Replace("'", "'\\''") + "'";
}
