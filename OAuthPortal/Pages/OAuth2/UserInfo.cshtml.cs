using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Bearer;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>
/// The UserInfo endpoint, GET and POST /oauth2/userinfo (OpenID Connect Core §5.3): the claims about the token's user
/// that its scopes release. Bearer-protected like any API here: no token 401, a bad token 401 invalid_token, a token
/// without <c>openid</c> 403 insufficient_scope (RFC 6750 §3.1).
/// </summary>
[IgnoreAntiforgeryToken]
[EnableCors(EndpointPolicies.PublicCors)]
[EnableRateLimiting(EndpointPolicies.OAuthRateLimit)]
[RequestSizeLimit(RequestLimits.OAuthBodyBytes)]
[OAuthScope(OAuthParameterNames.ScopeOpenId)]
public sealed class UserInfoModel(UserClaims claims, BearerChallenge challenge) : PageModel
{
    private const string MethodNotAllowedHandler = "MethodNotAllowed";

    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
        PageHandlerRouting.Route(context, Request.Method, MethodNotAllowedHandler, HttpMethods.Get, HttpMethods.Post);

    public IActionResult OnGetMethodNotAllowed()
    {
        Response.Headers.Allow = "GET, POST";
        return new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => AnswerAsync(cancellationToken);

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) => AnswerAsync(cancellationToken);

    private async Task<IActionResult> AnswerAsync(CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        var token = HttpContext.GetOAuthAccessToken()!;
        if (await claims.OfTokenAsync(token.TokenId, cancellationToken) is not var (user, requested))
        {
            await challenge.WriteAsync(HttpContext, BearerError.InvalidToken("The access token does not act for a user."));
            return new EmptyResult();
        }

        return new JsonResult(UserClaims.ForUserInfo(user, token.Scopes, requested));
    }
}
