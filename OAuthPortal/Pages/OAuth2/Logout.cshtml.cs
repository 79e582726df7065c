using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Oidc.Logout;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>
/// The end-session endpoint, GET and POST /oauth2/logout (OpenID Connect RP-Initiated Logout 1.0). With an id_token
/// hint for the signed-in user (or with nobody signed in) and a registered post-logout redirect URI the user is signed out
/// and sent back with <c>state</c>; anything less asks first, with a button that says Log out, and never redirects to an unregistered URI.
/// The rules are in <see cref="EndSessionRequestValidator"/>; signing out ends the session, which notifies the
/// session's clients over the back channel.
/// </summary>
[IgnoreAntiforgeryToken]
[RequestSizeLimit(RequestLimits.OAuthBodyBytes)]
public sealed class LogoutModel(
    EndSessionRequestValidator validator, SignInManager<PortalUser> signIn, OAuthIssuer issuer, IAntiforgery antiforgery) : PageModel
{
    /// <summary>Form fields of the confirmation form that are not logout parameters.</summary>
    private static readonly string[] FormOnlyFields = ["__RequestVerificationToken", "handler"];

    private const string MethodNotAllowedHandler = "MethodNotAllowed";

    public EndSessionRequest? Logout { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; private set; } = [];

    /// <summary>The user is signed out (or was not signed in); <see cref="EndSessionRequest.ReturnLocation"/> may offer a way back.</summary>
    public bool SignedOut { get; private set; }

    public string? Problem { get; private set; }

    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
        PageHandlerRouting.Route(context, Request.Method, MethodNotAllowedHandler, HttpMethods.Get, HttpMethods.Post);

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer"; // the hint is in the URL
    }

    public IActionResult OnGetMethodNotAllowed()
    {
        Response.Headers.Allow = "GET, POST";
        return new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => HandleAsync(ProtocolParameters.From(Request.Query), confirmed: false, cancellationToken);

    /// <summary>A logout request POSTed by the client's site: repeated as a GET first when it looks anonymous (<see cref="CrossSitePost"/>).</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var body = await FormReader.ReadAsync(Request, cancellationToken);
        if (body.Fields is not { } form)
        {
            return Refuse("The logout request could not be read.");
        }

        var parameters = ProtocolParameters.From(Request.Query).Add(form);
        if (User.Identity?.IsAuthenticated != true)
        {
            Response.StatusCode = StatusCodes.Status303SeeOther;
            Response.Headers.Location = CrossSitePost.AsGet(Url.Page("/OAuth2/Logout")!, parameters.All);
            return new EmptyResult();
        }

        return await HandleAsync(parameters, confirmed: false, cancellationToken);
    }

    /// <summary>The user pressed Log out on the confirmation page.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        var body = await FormReader.ReadAsync(Request, cancellationToken);
        if (body.Fields is not { } form || !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return Refuse("The logout form expired or was not sent from this site. Please try again.");
        }

        return await HandleAsync(ProtocolParameters.From(form, FormOnlyFields), confirmed: true, cancellationToken);
    }

    private async Task<IActionResult> HandleAsync(ProtocolParameters parameters, bool confirmed, CancellationToken cancellationToken)
    {
        var (request, error) = await validator.ValidateAsync(parameters, issuer.Resolve($"{Request.Scheme}://{Request.Host}"), cancellationToken);
        if (request is null)
        {
            return Refuse(error!);
        }

        Logout = request;
        Parameters = parameters.All;
        var user = SignedInUser.From(User);
        if (user is null && !request.MaySkipConfirmation(null))
        {
            SignedOut = true; // nothing to end; offer the way back, if registered
            return Page();
        }

        if (!confirmed && !request.MaySkipConfirmation(user))
        {
            return Page();
        }

        if (user is not null)
        {
            await signIn.SignOutAsync();
        }

        if (request.ReturnLocation is { } location)
        {
            Response.StatusCode = HttpMethods.IsGet(Request.Method) ? StatusCodes.Status302Found : StatusCodes.Status303SeeOther;
            Response.Headers.Location = location;
            return new EmptyResult();
        }

        SignedOut = true;
        return Page();
    }

    private PageResult Refuse(string problem)
    {
        Problem = problem;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
