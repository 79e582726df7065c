using OAuthPortal.OAuth.Oidc;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Areas.Developer;

/// <summary>
/// How the developer area names the grant types a client may be registered for: a label, a one-line explanation, and a
/// key for ids and <c>data-test</c> hooks (a wire name may hold colons). In the order clients store them.
/// </summary>
public static class GrantTypeLabels
{
    public static readonly IReadOnlyList<(string GrantType, string Key, string Label, string Explanation)> All =
    [
        (P.GrantAuthorizationCode, "authorization-code", "Authorization code",
            "Users sign in here and approve; your app gets a code at a redirect URI and exchanges it for tokens (with PKCE)."),
        (P.GrantRefreshToken, "refresh-token", "Refresh token",
            "Your app renews a user's tokens without asking again; only beside authorization code or device authorization."),
        (P.GrantClientCredentials, "client-credentials", "Client credentials",
            "Your server gets tokens for itself, with no user, limited to its machine scopes; confidential clients only."),
        (P.GrantDeviceCode, "device-code", "Device authorization",
            $"A device without a browser (a TV, a command line) shows a short code; the user approves it at {AuthorizationServerMetadata.DeviceVerificationPath} on another screen."),
    ];

    /// <summary>The label of <paramref name="grantType"/>; the wire name itself for one not listed.</summary>
    public static string LabelOf(string grantType) => All.FirstOrDefault(g => g.GrantType == grantType).Label ?? grantType;
}
