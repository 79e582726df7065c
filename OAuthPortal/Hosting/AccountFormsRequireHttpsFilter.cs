using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;

namespace OAuthPortal.Hosting;

/// <summary>
/// The account forms (login, register, password changes, account deletion) take passwords: while
/// <c>OAuth:RequireHttps</c> is on, a form sent over plain HTTP is refused before anything reads it (RFC 9700 §4.1's
/// premise, and RFC 6749 §3.1 for the endpoints these forms lead to). It runs first, before antiforgery, so that the
/// answer says what is wrong.
/// </summary>
public sealed class AccountFormsRequireHttpsFilter(IOptions<OAuthOptions> options) : IAuthorizationFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (options.Value.RequireHttps && !request.IsHttps && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest,
                ContentType = "text/plain; charset=utf-8",
                Content = "This form takes a password and is only accepted over HTTPS. Open the page with https:// and try again.",
            };
        }
    }
}
