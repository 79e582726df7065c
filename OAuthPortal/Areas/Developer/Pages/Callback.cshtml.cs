using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using OAuthPortal.Management.Clients;
using OAuthPortal.OAuth.Oidc;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.Areas.Developer.Pages;

/// <summary>
/// /Developer/Callback: the test callback (see <see cref="TestCallback"/>). It displays the authorization response and
/// the code exchange filled in, and does nothing else: no redirect, never cached, no Referer sent on from it. The client
/// is recognised by the state of its quickstart in this browser session, which also gives the PKCE verifier.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class CallbackModel(ClientCatalog catalog, ClientManager clients, OAuthIssuer issuer) : DeveloperPageModel
{
    [BindProperty(SupportsGet = true, Name = P.Code)]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true, Name = P.State)]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = P.Error)]
    public string? Error { get; set; }

    [BindProperty(SupportsGet = true, Name = P.ErrorDescription)]
    public string? ErrorDescription { get; set; }

    [BindProperty(SupportsGet = true, Name = P.Issuer)]
    public string? Iss { get; set; }

    /// <summary>This portal's issuer, which a response's <c>iss</c> must equal (RFC 9207).</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The test callback's own URI, the redirect_uri of the exchange.</summary>
    public string RedirectUri { get; private set; } = "";

    /// <summary>The developer's client whose quickstart state came back, or null (another client, another browser session).</summary>
    public ClientDetails? Client { get; private set; }

    /// <summary>The code exchange as a curl command, when a code came back.</summary>
    public string? Exchange { get; private set; }

    public bool IssuerMismatch => !string.IsNullOrEmpty(Iss) && Iss != Issuer;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Issuer = issuer.Resolve($"{Request.Scheme}://{Request.Host}");
        RedirectUri = TestCallback.UriFor(Issuer);
        if (string.IsNullOrEmpty(Code))
        {
            return;
        }

        Client = await FindByStateAsync(cancellationToken);
        var verifier = Client is null ? null : DeveloperSessionPkce.Existing(HttpContext, Client.ClientId)?.Verifier;
        Exchange = Quickstart.Exchange(Issuer, Client, IsPlainCode(Code) ? Code : Quickstart.CodePlaceholder, RedirectUri, verifier);
    }

    /// <summary>
    /// Whether the code can go into a command to paste into a shell: only the characters of RFC 6749's code syntax that
    /// no shell treats specially (this portal's codes are base64url). Anyone can send a developer to this page with any
    /// <c>code</c>; a value with quotes, spaces or invisible characters is shown, but not put into the command.
    /// </summary>
    public static bool IsPlainCode(string code) =>
        code.Length <= 512 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~');

    private async Task<ClientDetails?> FindByStateAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(State))
        {
            return null;
        }

        var state = Encoding.UTF8.GetBytes(State);
        foreach (var item in await catalog.ListAsync(OwnerId, cancellationToken))
        {
            if (item.RedirectUris.Contains(RedirectUri) && DeveloperSessionPkce.Existing(HttpContext, item.ClientId) is { } pkce
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(pkce.State), state))
            {
                return await clients.FindAsync(OwnerId, item.ClientId, cancellationToken);
            }
        }

        return null;
    }
}
