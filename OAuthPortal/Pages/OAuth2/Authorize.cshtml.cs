using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OAuthPortal.Management;
using OAuthPortal.OAuth.Authorization;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;

namespace OAuthPortal.Pages.OAuth2;

/// <summary>
/// The authorization endpoint and consent page (djoauth2 <c>make_authorization_endpoint</c>). A thin adapter:
/// the rules are in <see cref="AuthorizationRequestValidator"/>. The request itself (GET, or POST from the client's
/// site) needs no antiforgery token; the user's Accept/Decline decision does, and is re-validated from scratch.
/// </summary>
[IgnoreAntiforgeryToken]
[RequestSizeLimit(RequestLimits.OAuthBodyBytes)]
public sealed class AuthorizeModel(
    AuthorizationRequestValidator validator, AuthorizationDecisions decisions, OAuthIssuer issuer, IAntiforgery antiforgery) : PageModel
{
    /// <summary>Form fields that belong to the consent form, not to the authorization request.</summary>
    public static readonly string[] FormOnlyFields = ["__RequestVerificationToken", "handler"];

    private const string MethodNotAllowedHandler = "MethodNotAllowed";

    public ValidatedAuthorizationRequest? Authorization { get; private set; }

    public AuthorizationPageError? PageError { get; private set; }

    /// <summary>RFC 6749 §3.1: GET and POST only; any other method goes to <see cref="OnGetMethodNotAllowed"/>.</summary>
    public override void OnPageHandlerSelected(PageHandlerSelectedContext context) =>
        PageHandlerRouting.Route(context, Request.Method, MethodNotAllowedHandler, HttpMethods.Get, HttpMethods.Post);

    // RFC 9700 §4.16 (clickjacking), §4.2.4 (Referer), RFC 6749 §10.12: never framed, cached or referred. (The
    // site-wide CSP adds frame-ancestors 'none'.)
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        Response.Headers.XFrameOptions = "DENY";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
    }

    public IActionResult OnGetMethodNotAllowed()
    {
        Response.Headers.Allow = "GET, POST";
        return new ContentResult { StatusCode = StatusCodes.Status405MethodNotAllowed, Content = "Method not allowed.", ContentType = "text/plain" };
    }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        HandleRequestAsync(ProtocolParameters.From(Request.Query), cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var body = await FormReader.ReadAsync(Request, cancellationToken);
        return body.Fields is { } form
            ? await HandleRequestAsync(ProtocolParameters.From(Request.Query).Add(form), cancellationToken)
            : Unreadable(body);
    }

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken cancellationToken) => DecideAsync(accepted: true, cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken cancellationToken) => DecideAsync(accepted: false, cancellationToken);

    /// <summary>
    /// Validates the request, then has the user sign in when they must (OpenID Connect prompt, max_age,
    /// id_token_hint), answers from remembered consent (or, for prompt=none, with an error), or shows the consent page.
    /// </summary>
    private async Task<IActionResult> HandleRequestAsync(ProtocolParameters parameters, CancellationToken cancellationToken)
    {
        if (validator.CheckTransport(Request.IsHttps) is { } insecure)
        {
            return Refuse(insecure);
        }

        var user = SignedInUser.From(User);
        if (user is null && !HttpMethods.IsGet(Request.Method))
        {
            return SignInFirst(parameters.All); // the sign-in cookie is not sent on a cross-site POST: look again with a GET
        }

        var validation = await validator.ValidateAsync(parameters, Request.IsHttps, user?.AuthTime, Issuer, cancellationToken);
        if (validation.Request is not { } request)
        {
            return Refuse(validation);
        }

        var step = await decisions.NextStepAsync(request, user, Issuer, cancellationToken);
        if (step.Response is null && step.PageError is null && step.SignInThenReturnTo is null)
        {
            Authorization = request;
            return Page();
        }

        return Follow(step);
    }

    private async Task<IActionResult> DecideAsync(bool accepted, CancellationToken cancellationToken)
    {
        var body = await FormReader.ReadAsync(Request, cancellationToken);
        if (body.Fields is not { } form)
        {
            return Unreadable(body);
        }

        var parameters = ProtocolParameters.From(form, FormOnlyFields).Add(Request.Query, FormOnlyFields);
        if (validator.CheckTransport(Request.IsHttps) is { } insecure)
        {
            return Refuse(insecure);
        }

        if (SignedInUser.From(User) is not { } user)
        {
            return SignInFirst(parameters.All);
        }

        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return ErrorPage(AuthorizationPageError.InvalidConsentForm);
        }

        var validation = await validator.ValidateAsync(parameters, Request.IsHttps, user.AuthTime, Issuer, cancellationToken);
        if (validation.Request is not { } request)
        {
            return Refuse(validation);
        }

        return Follow(accepted
            ? await decisions.AcceptAsync(request, user, Issuer, cancellationToken)
            : await decisions.DeclineAsync(request, user.UserId, Issuer, cancellationToken));
    }

    private IActionResult Follow(AuthorizationStep step) =>
        step.Response is { } answer ? Respond(answer)
        : step.PageError is { } error ? ErrorPage(error)
        : SignInFirst(step.SignInThenReturnTo!);

    private string Issuer => issuer.Resolve($"{Request.Scheme}://{Request.Host}");

    private IActionResult Refuse(AuthorizationValidation validation) =>
        validation.ErrorRedirect is { } redirect
            ? Respond(AuthorizationResponse.Error(redirect, Issuer))
            : ErrorPage(validation.PageError!.Value);

    /// <summary>Back to the client: a redirect, or for response_mode=form_post a page that posts the response.</summary>
    private IActionResult Respond(ClientResponse response) =>
        response.IsFormPost
            ? new ContentResult { Content = FormPostResponse.Html(response), ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK }
            : RedirectTo(response.Location);

    /// <summary>302 for a GET, 303 See Other after a POST (RFC 9700 §4.12: never 307, which would re-post the form).</summary>
    private EmptyResult RedirectTo(string location)
    {
        Response.StatusCode = HttpMethods.IsGet(Request.Method) ? StatusCodes.Status302Found : StatusCodes.Status303SeeOther;
        Response.Headers.Location = location;
        return new EmptyResult();
    }

    private PageResult Unreadable(FormContent body) =>
        ErrorPage(body.TooLarge ? AuthorizationPageError.OversizedParameter : AuthorizationPageError.MalformedRequest);

    private PageResult ErrorPage(AuthorizationPageError error)
    {
        PageError = error;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>A GET goes to the login page, which returns to the request; a POST is first repeated as a GET (<see cref="CrossSitePost"/>).</summary>
    private IActionResult SignInFirst(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var sameRequest = CrossSitePost.AsGet(Url.Page("/OAuth2/Authorize")!, parameters);
        return HttpMethods.IsGet(Request.Method)
            ? Challenge(new AuthenticationProperties { RedirectUri = sameRequest }, IdentityConstants.ApplicationScheme)
            : RedirectTo(sameRequest);
    }
}
