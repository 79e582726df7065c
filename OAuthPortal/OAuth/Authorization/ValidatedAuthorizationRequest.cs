using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>An authorization request that passed every check: what the consent page shows and the code is bound to.</summary>
public sealed record ValidatedAuthorizationRequest(
    Client Client,
    string RedirectUri,
    bool RedirectUriSent,
    IReadOnlyList<Scope> Scopes,
    string? State,
    string? CodeChallenge,
    OidcRequest Oidc,
    ProtocolParameters Parameters,
    PushedRequestReference? Pushed = null)
{
    /// <summary>The resources named (RFC 8707 <c>resource</c>), checked: the code's grant keeps them (<see cref="Grant.Resources"/>).</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];

    /// <summary>The key the code is bound to (RFC 9449 §10 <c>dpop_jkt</c>), checked by <see cref="Dpop.RequireSameDpopKey"/>.</summary>
    public string? DpopJkt => Parameters.Get(OAuthParameterNames.DpopJkt);

    /// <summary>
    /// What the browser carries across the consent form: the request itself, or for a pushed request (RFC 9126 §4)
    /// only its client_id and request_uri (and the sign-in marker), so that the pushed parameters are read again.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> CarriedParameters => Pushed is { } pushed ? PushedCarry(pushed, pushed.SignedIn) : Parameters.All;

    /// <summary>The request to come back to after signing in (<see cref="RequireFreshAuthentication.AfterSignIn"/>).</summary>
    public IEnumerable<KeyValuePair<string, string>> AfterSignIn =>
        Pushed is { } pushed ? PushedCarry(pushed, signedIn: true) : RequireFreshAuthentication.AfterSignIn(Parameters);

    private static IEnumerable<KeyValuePair<string, string>> PushedCarry(PushedRequestReference pushed, bool signedIn)
    {
        yield return new(OAuthParameterNames.ClientId, pushed.ClientId);
        yield return new(OAuthParameterNames.RequestUri, pushed.RequestUri);
        if (signedIn)
        {
            yield return new(OAuthParameterNames.PushedRequestSignedIn, "1");
        }
    }

    /// <summary>
    /// Whether remembered consent may answer without asking: not for a public client on a loopback redirect URI,
    /// whose identity nothing proves (any local program can use its client_id; RFC 8252 §8.6, RFC 6749 §10.2).
    /// </summary>
    public bool MayBeAnsweredWithoutUser => !(Client.Type == ClientType.Public && RedirectUriPolicy.IsLoopbackHttp(RedirectUri));
}
