using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using OAuthPortal.Data;
using OAuthPortal.Hosting;
using OAuthPortal.OAuth;

namespace OAuthPortal.Api;

/// <summary>
/// The sample protected API: what an API owner writes. <c>GET /api/me</c> needs a bearer token with scope
/// <c>profile</c> (minimal API style); the other declaration styles are shown by <see cref="SamplesController"/>
/// (MVC) and Pages/Api/Samples/Page (Razor Page handler), and <c>/api/samples/claims</c> uses the Bearer scheme.
/// </summary>
public static class PortalApi
{
    public const string ProfileScope = "profile";
    public const string BearerProfilePolicy = "BearerProfile";

    public static WebApplicationBuilder AddPortalApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddControllers();
        builder.Services.AddAuthorizationBuilder().AddPolicy(BearerProfilePolicy, policy => policy
            .AddAuthenticationSchemes(BearerAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireClaim(BearerAuthenticationHandler.ScopeClaim, ProfileScope));
        return builder;
    }

    public static WebApplication MapPortalApi(this WebApplication app)
    {
        app.MapControllers();
        var api = app.MapGroup("/api").RequireCors(PortalCors.PublicPolicy);

        api.MapGet("/me", async (OAuthAccessToken token, UserManager<PortalUser> users) =>
        {
            var user = await users.FindByIdAsync(token.UserId);
            return Results.Ok(new MeResponse(token.UserId, user?.Email, token.ClientId, string.Join(' ', token.Scopes)));
        }).RequireOAuthScope(ProfileScope)
          .WithMetadata(new HttpMethodMetadata([HttpMethods.Get], acceptCorsPreflight: true));

        // The standard [Authorize] route: the Bearer scheme puts sub, client_id and scope claims on User.
        api.MapGet("/samples/claims", [Authorize(Policy = BearerProfilePolicy)] (HttpContext context) =>
            Results.Ok(context.User.Claims.GroupBy(c => c.Type).ToDictionary(g => g.Key, g => g.Select(c => c.Value).ToArray())));

        return app;
    }
}
