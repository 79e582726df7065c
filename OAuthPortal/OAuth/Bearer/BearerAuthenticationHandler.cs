using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace OAuthPortal.OAuth.Bearer;

/// <summary>
/// The <c>Bearer</c> authentication scheme over the same <see cref="AccessTokenAuthenticator"/>: standard
/// <c>[Authorize]</c> and policies see a principal with <c>sub</c>, <c>client_id</c> and one <c>scope</c> claim per scope.
/// </summary>
public sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AccessTokenAuthenticator authenticator, BearerChallenge challenge, Resources.RequestResource resource, IOptions<OAuthOptions> oauth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private BearerError? _error;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var request = await RequireBearerTokenInHeaderOrBody.ReadRequestAsync(Context, oauth.Value.AllowFormBodyBearer) with { Resource = resource.Of(Context) };
        var (token, error) = await authenticator.ValidateAsync(request, [], Scheme.Name, Context.RequestAborted);
        if (token is null)
        {
            _error = error;
            return error!.StatusCode == StatusCodes.Status401Unauthorized && !error.ExposeDetails
                ? AuthenticateResult.NoResult()
                : AuthenticateResult.Fail(error.Description ?? error.Code ?? "Bearer authentication failed.");
        }

        Context.Features.Set(token);
        var claims = new List<Claim> { new(BearerScheme.SubjectClaim, token.UserId ?? token.ClientId), new(BearerScheme.ClientIdClaim, token.ClientId) };
        if (token.UserId is not null)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, token.UserId));
        }

        claims.AddRange(token.Scopes.Select(s => new Claim(BearerScheme.ScopeClaim, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, BearerScheme.SubjectClaim, null));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        challenge.WriteAsync(Context, _error ?? BearerError.NoCredentials());

    /// <summary>
    /// A policy failed: insufficient_scope naming the scopes when it failed on scope claims (see
    /// <see cref="BearerAuthorizationResultHandler"/>); otherwise a bare 403 challenge.
    /// </summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var scopes = properties.Items.TryGetValue(BearerScheme.RequiredScopesItem, out var names) && !string.IsNullOrEmpty(names)
            ? names.Split(' ')
            : null;
        return challenge.WriteAsync(Context, scopes is null
            ? new BearerError(null, null, StatusCodes.Status403Forbidden, false, [])
            : BearerError.InsufficientScope(scopes));
    }
}
