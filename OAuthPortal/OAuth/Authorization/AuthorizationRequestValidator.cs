using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Clients;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Scopes;
using P = OAuthPortal.OAuth.OAuthParameterNames;

namespace OAuthPortal.OAuth.Authorization;

/// <summary>
/// Validates an authorization request (djoauth2 <c>AuthorizationCodeGenerator.validate</c>; RFC 6749 §4.1.1,
/// RFC 7636 §4.3, RFC 9700 §2.1), in djoauth2's order: later checks run only when earlier ones pass. Until the
/// redirect URI is established errors go to the error page; after that they go back to the client.
/// </summary>
public sealed class AuthorizationRequestValidator(
    PortalDbContext db, RedirectUriPolicy redirectUriPolicy, RequestedScopes requestedScopes, ResolvePushedRequest pushedRequests,
    Resources.ResolveResourceIndicators resourceIndicators, IOptions<OAuthOptions> options)
{
    /// <summary>No parameter of a sane request is longer (redirect URIs stop at 2,000); longer ones are refused unread.</summary>
    public const int MaxParameterLength = 4096;

    /// <summary>
    /// Step 1 alone, RFC 6749 §3.1: the endpoint requires TLS (djoauth2 SSL_ONLY). Checked before anything else,
    /// including sending an anonymous user to the login page, which would ask for a password over plain HTTP.
    /// </summary>
    public AuthorizationValidation? CheckTransport(bool isHttps) =>
        options.Value.RequireHttps && !isHttps ? AuthorizationValidation.Page(AuthorizationPageError.InsecureRequest) : null;

    /// <summary>
    /// A request at the authorization endpoint: a pushed request_uri is first resolved to the pushed parameters
    /// (<see cref="ResolvePushedRequest"/>); an error sent back to the client spends it. <paramref name="signedInAt"/> is
    /// when the browser's user signed in (null when nobody is); <paramref name="issuer"/> the issuer identifier answering
    /// (the portal's own APIs are resources under it).
    /// </summary>
    public async Task<AuthorizationValidation> ValidateAsync(
        ProtocolParameters parameters, bool isHttps, DateTime? signedInAt, string issuer, CancellationToken cancellationToken = default)
    {
        if (CheckTransport(isHttps) is { } insecure)
        {
            return insecure;
        }

        var (resolved, pushed, pushedError) = await pushedRequests.ResolveAsync(parameters, signedInAt, cancellationToken);
        if (pushedError is { } invalidPush)
        {
            return AuthorizationValidation.Page(invalidPush);
        }

        var validation = await ValidateParametersAsync(resolved, pushed, pushing: false, issuer, cancellationToken);
        return pushed is not null && validation.ErrorRedirect is not null && !await pushedRequests.ConsumeAsync(pushed, cancellationToken)
            ? AuthorizationValidation.Page(AuthorizationPageError.InvalidRequestUri)
            : validation;
    }

    /// <summary>RFC 9126 §2.1: a request at the pushed authorization request endpoint, checked as it will be at the authorization endpoint.</summary>
    public Task<AuthorizationValidation> ValidatePushedAsync(ProtocolParameters parameters, string issuer, CancellationToken cancellationToken = default) =>
        ValidateParametersAsync(parameters, pushed: null, pushing: true, issuer, cancellationToken);

    private async Task<AuthorizationValidation> ValidateParametersAsync(
        ProtocolParameters parameters, PushedRequestReference? pushed, bool pushing, string issuer, CancellationToken cancellationToken)
    {
        if (parameters.All.Any(p => p.Value.Length > MaxParameterLength))
        {
            return AuthorizationValidation.Page(AuthorizationPageError.OversizedParameter);
        }

        // 2. The client: present, known, enabled.
        if (parameters.IsRepeated(P.ClientId) || parameters.IsRepeated(P.RedirectUri))
        {
            return AuthorizationValidation.Page(AuthorizationPageError.RepeatedParameter);
        }

        var clientId = parameters.Get(P.ClientId);
        if (clientId is null)
        {
            return AuthorizationValidation.Page(AuthorizationPageError.MissingClientId);
        }

        var client = await db.Clients.AsNoTracking().Include(c => c.RedirectUris).Include(c => c.Owner)
            .SingleOrDefaultAsync(c => c.Id == clientId, cancellationToken);
        if (client is null)
        {
            return AuthorizationValidation.Page(AuthorizationPageError.UnknownClient);
        }

        if (!client.Enabled)
        {
            return AuthorizationValidation.Page(AuthorizationPageError.DisabledClient);
        }

        // 3. The redirect URI (RFC 6749 §3.1.2.3: simple string comparison; RFC 9700 §4.1.3: exact match).
        var sentRedirectUri = parameters.Get(P.RedirectUri);
        var (redirectUri, redirectError) = ResolveRedirectUri(client, sentRedirectUri);
        if (redirectError is { } pageError)
        {
            return AuthorizationValidation.Page(pageError);
        }

        // From here on the redirect URI is trusted: errors go back to the client, with its state, in its response mode.
        var state = parameters.Get(P.State);
        var scopeNames = RequestedScopes.Names(parameters.Get(P.Scope));
        var error = RequirePushedAuthorizationRequests.Check(client, pushed is not null || pushing, options.Value.RequirePushedAuthorizationRequests) ??
            CheckRepeatedParameters(parameters) ?? CheckResponseType(parameters) ??
            RequireAllowedGrantType.Check(client, P.GrantAuthorizationCode) ?? CheckState(state);
        OidcRequest? oidc = null;
        if (error is null)
        {
            (oidc, error) = OidcRequest.Parse(parameters, openId: scopeNames.Contains(P.ScopeOpenId));
        }

        var scopes = (IReadOnlyList<Scope>)[];
        if (error is null)
        {
            // 6. RFC 6749 §3.3 (OpenID Connect requests ignore unknown scopes, Core §3.1.2.1).
            (scopes, error) = await requestedScopes.ResolveAsync(scopeNames, ignoreUnknown: oidc!.OpenId, cancellationToken);
        }

        // 7. RFC 8707 §2: the resources named, known, accepting the scopes asked for.
        var resources = (IReadOnlyList<Resources.NamedResource>)[];
        if (error is null)
        {
            (resources, error) = await resourceIndicators.ResolveAsync(parameters, issuer, cancellationToken);
            error ??= Resources.RequireScopesAcceptedByResources.Check(resources, scopes.Select(s => s.Name));
        }

        // 8. PKCE.
        error ??= RequirePkceForPublicClients.CheckAuthorizationRequest(parameters, client, options.Value.RequirePkceForConfidentialClients) ??
            Dpop.RequireSameDpopKey.CheckAuthorizationRequest(parameters);
        if (error is not null)
        {
            return AuthorizationValidation.Redirect(new AuthorizationRedirect(redirectUri!, state, error, OidcRequest.ResponseModeOf(parameters)));
        }

        return AuthorizationValidation.Valid(new ValidatedAuthorizationRequest(
            client, redirectUri!, sentRedirectUri is not null, scopes, state, parameters.Get(P.CodeChallenge), oidc!, parameters, pushed)
        {
            Resources = resources.Select(r => r.Uri).ToList(),
        });
    }

    private (string? RedirectUri, AuthorizationPageError? Error) ResolveRedirectUri(Client client, string? sent)
    {
        var (effective, error) = RequireExactRedirectUri.Resolve(client, sent);
        if (error is not null)
        {
            return (null, error);
        }

        // Registered URIs were checked at registration, but the rules (RequireHttps) may have tightened since.
        return redirectUriPolicy.Validate(effective!) is null
            ? (effective, null)
            : (null, AuthorizationPageError.RedirectUriNotAllowed);
    }

    private static OAuthError? CheckRepeatedParameters(ProtocolParameters parameters) =>
        parameters.RepeatedNames.ToList() is { Count: > 0 } repeated
            ? OAuthError.InvalidRequest($"Parameters must not be repeated: {string.Join(", ", repeated)}.")
            : null;

    // 4. RFC 6749 §4.1.1: response_type must be "code" (no implicit grant, RFC 9700 §2.1.2); a missing one is a
    // missing required parameter (§4.1.2.1 invalid_request).
    private static OAuthError? CheckResponseType(ProtocolParameters parameters) => parameters.Get(P.ResponseType) switch
    {
        P.ResponseTypeCode => null,
        null => OAuthError.InvalidRequest("'response_type' is required ('code')."),
        _ => new OAuthError(OAuthErrorCodes.UnsupportedResponseType, "'response_type' must be 'code'."),
    };

    // 5. RFC 6749 §10.12: state carries the client's CSRF protection (djoauth2 REQUIRE_STATE).
    private OAuthError? CheckState(string? state) =>
        options.Value.RequireState && state is null ? OAuthError.InvalidRequest("'state' must be included.") : null;
}
