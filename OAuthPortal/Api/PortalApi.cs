using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using OAuthPortal.Data;
using OAuthPortal.OAuth.Bearer;
using Microsoft.Extensions.Options;
using OAuthPortal.OAuth;
using OAuthPortal.OAuth.Http;
using OAuthPortal.OAuth.Oidc;
using OAuthPortal.OAuth.Resources;

namespace OAuthPortal.Api;

/// <summary>
/// The sample protected API: what an API owner writes. <c>GET /api/me</c> needs a bearer token with scope
/// <c>profile</c> (minimal API style; <c>profile</c> is user-only, so a token without a user is refused), <c>GET
/// /api/status</c> a token with the machine scope <c>status</c> (a service calling a service); the other declaration styles are shown by <see cref="SamplesController"/>
/// (MVC) and Pages/Api/Samples/Page (Razor Page handler), and <c>/api/samples/claims</c> uses the Bearer scheme.
/// </summary>
public static class PortalApi
{
    public const string ProfileScope = "profile";

    /// <summary>The sample machine scope: <c>GET /api/status</c> is a service-to-service call (client_credentials).</summary>
    public const string StatusScope = "status";

    private const string ApiPrefix = "/api";

    /// <summary>The scopes the API declares: its metadata lists them, and a request naming it as <c>resource</c> (RFC 8707) asks for them.</summary>
    private static readonly IReadOnlyList<string> Scopes = [ProfileScope, StatusScope];
    private const string Me = "/me";
    private const string Status = "/status";

    /// <summary>The sample endpoint the quickstart calls.</summary>
    public const string MePath = ApiPrefix + Me;

    /// <summary>The sample machine endpoint (a token with scope <c>status</c>, with or without a user).</summary>
    public const string StatusPath = ApiPrefix + Status;
    public const string BearerProfilePolicy = "BearerProfile";

    // An API reads what it needs with one compiled, untracked query: UserManager.FindByIdAsync (a large object graph and
    // a tracked 16-column query) was half the cost of a /api/me request (bench/RESULTS.md).
    private static readonly Func<PortalDbContext, string, CancellationToken, Task<string?>> EmailById = EF.CompileAsyncQuery(
        (PortalDbContext db, string userId, CancellationToken cancellationToken) =>
            db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefault());

    public static WebApplicationBuilder AddPortalApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllers();
        builder.Services.AddSingleton(new ProtectedResourcePath(ApiPrefix, Scopes));
        builder.Services.AddAuthorizationBuilder().AddPolicy(BearerProfilePolicy, policy => policy
            .AddAuthenticationSchemes(BearerScheme.Name)
            .RequireAuthenticatedUser()
            .RequireClaim(BearerScheme.ScopeClaim, ProfileScope));
        return builder;
    }

    public static WebApplication MapPortalApi(this WebApplication app)
    {
        app.MapControllers();
        var api = app.MapGroup(ApiPrefix).RequireCors(EndpointPolicies.PublicCors);

        api.MapGet(Me, async (OAuthAccessToken token, PortalDbContext db, CancellationToken cancellationToken) =>
            Results.Ok(new MeResponse(token.UserId ?? token.ClientId, token.UserId is null ? null : await EmailById(db, token.UserId, cancellationToken),
                token.ClientId, string.Join(' ', token.Scopes))))
          .RequireOAuthScope(ProfileScope)
          .WithMetadata(new HttpMethodMetadata([HttpMethods.Get], acceptCorsPreflight: true));

        // A service calling a service: a client_credentials token has no user, only its client.
        api.MapGet(Status, (OAuthAccessToken token, TimeProvider clock) =>
            Results.Ok(new StatusResponse("ok", token.ClientId, token.UserId, string.Join(' ', token.Scopes), clock.GetUtcNow().ToUnixTimeSeconds())))
          .RequireOAuthScope(StatusScope)
          .WithMetadata(new HttpMethodMetadata([HttpMethods.Get], acceptCorsPreflight: true));

        // RFC 9728: how a client that meets this API finds its authorization server (§3.1 path, and the bare well-known path).
        var metadata = (HttpContext context, OAuthIssuer issuer, IOptions<OAuthOptions> options) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Json(ProtectedResourceMetadata.Create(issuer.Resolve($"{context.Request.Scheme}://{context.Request.Host}"), ApiPrefix,
                Scopes, options.Value.AllowFormBodyBearer, "OAuthPortal sample API"));
        };
        app.MapGet(ProtectedResourceMetadata.WellKnownPath + ApiPrefix, metadata).RequireCors(EndpointPolicies.PublicCors);
        app.MapGet(ProtectedResourceMetadata.WellKnownPath, metadata).RequireCors(EndpointPolicies.PublicCors);

        // The standard [Authorize] route: the Bearer scheme puts sub, client_id and scope claims on User.
        api.MapGet("/samples/claims", [Authorize(Policy = BearerProfilePolicy)] (HttpContext context) =>
            Results.Ok(context.User.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToArray())));

        return app;
    }
}
