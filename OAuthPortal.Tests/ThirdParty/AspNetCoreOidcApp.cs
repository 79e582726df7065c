using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using OAuthPortal.Management.Clients;
using OAuthPortal.Tests.Support;

namespace OAuthPortal.Tests.ThirdParty;

/// <summary>
/// A relying party: an ASP.NET Core app that signs its users in with the portal through
/// Microsoft.AspNetCore.Authentication.OpenIdConnect, configured as the README's "Register an ASP.NET Core app as a
/// client" says (discovery from the Authority, code flow with PKCE, id_token checked against the JWKS, claims from
/// UserInfo, tokens saved, RP-Initiated Logout), on its own Kestrel socket at http://127.0.0.1:PORT.
/// <c>/profile</c> needs a signed-in user; <c>/logout</c> signs out of the app and the portal; <c>/signed-out</c> is
/// where the end-session endpoint's way back ends. The handler's back-channel requests are recorded.
/// </summary>
public sealed class AspNetCoreOidcApp : IAsyncDisposable
{
    /// <summary>The redirect URI path to register (the handler's default CallbackPath).</summary>
    public const string CallbackPath = "/signin-oidc";

    /// <summary>The post-logout redirect URI path to register (the handler's default SignedOutCallbackPath).</summary>
    public const string SignedOutCallbackPath = "/signout-callback-oidc";

    public const string SignedOutPath = "/signed-out";

    public const string SignedOutText = "You are signed out of the relying party.";

    /// <summary>Distinct from the portal's cookies, which the browser also sends here (cookies are per host, not per port).</summary>
    public const string CookieName = "relying-party";

    private readonly WebApplication _app;
    private readonly Credentials _credentials;

    private AspNetCoreOidcApp(WebApplication app, Credentials credentials, RecordingHandler backchannel, string origin)
    {
        _app = app;
        _credentials = credentials;
        Backchannel = backchannel.Requests;
        Origin = origin;
    }

    /// <summary>http://127.0.0.1:PORT, no trailing slash.</summary>
    public string Origin { get; }

    public string RedirectUri => Origin + CallbackPath;

    public string PostLogoutRedirectUri => Origin + SignedOutCallbackPath;

    /// <summary>The handler's back-channel requests (discovery, JWKS, token, UserInfo): "METHOD url status".</summary>
    public ConcurrentQueue<string> Backchannel { get; }

    /// <summary>The body of <c>/profile</c>: the signed-in user's claims and what the handler saved.</summary>
    public sealed record Profile(
        [property: JsonPropertyName("sub")] string? Subject,
        [property: JsonPropertyName("name")] string? Name,
        [property: JsonPropertyName("identity_name")] string? IdentityName,
        [property: JsonPropertyName("email")] string? Email,
        [property: JsonPropertyName("id_token")] string? IdToken,
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("refresh_token_saved")] bool RefreshTokenSaved);

    /// <summary>
    /// Starts the app against <paramref name="portal"/>. The client is registered afterwards (its URIs need the port)
    /// and handed over with <see cref="UseClient"/> before the first request: the handler reads its options then.
    /// </summary>
    public static async Task<AspNetCoreOidcApp> StartAsync(KestrelPortal portal)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(AspNetCoreOidcApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();

        var credentials = new Credentials();
        var backchannel = new RecordingHandler { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false } };
        builder.Services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                // Plain http on loopback only: a Secure cookie would never come back over http.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            })
            .AddOpenIdConnect(options =>
            {
                // The README section "Register an ASP.NET Core app as a client" shows these lines (ReadmeSnippetTests
                // keeps them equal), with a real deployment's Authority and credentials instead of the test's.
                options.Authority = portal.Origin;
                options.ClientId = credentials.ClientId;
                options.ClientSecret = credentials.ClientSecret;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.Scope.Clear();
                options.Scope.Add("openid");
                options.Scope.Add("profile");
                options.Scope.Add("email");
                options.GetClaimsFromUserInfoEndpoint = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "name";
                options.CallbackPath = "/signin-oidc";
                options.SignedOutCallbackPath = "/signout-callback-oidc";
                options.SignedOutRedirectUri = "/signed-out";

                // Only because this test runs on http://127.0.0.1 (a real deployment uses https and none of this):
                // discovery over http, and the handler's correlation and nonce cookies without Secure and SameSite=None
                // (a browser drops SameSite=None cookies that are not Secure).
                options.RequireHttpsMetadata = false;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

                options.BackchannelHttpHandler = backchannel;
                // Shown to the test instead of an exception page: why the sign-in or sign-out failed.
                options.Events.OnRemoteFailure = async context =>
                {
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    context.Response.ContentType = "text/plain";
                    await context.Response.WriteAsync("remote failure: " + context.Failure);
                    context.HandleResponse();
                };
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        // RequestDelegates that write their own bodies (a lambda returning an IResult would have its result dropped).
        app.MapGet("/profile", async context => await context.Response.WriteAsJsonAsync(new Profile(
            context.User.FindFirst("sub")?.Value,
            context.User.FindFirst("name")?.Value,
            context.User.Identity?.Name,
            context.User.FindFirst("email")?.Value,
            await context.GetTokenAsync("id_token"),
            await context.GetTokenAsync("access_token"),
            await context.GetTokenAsync("refresh_token") is { Length: > 0 }))).RequireAuthorization();
        app.MapGet("/logout", async context =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignOutAsync(OpenIdConnectDefaults.AuthenticationScheme);
        }).RequireAuthorization();
        app.MapGet(SignedOutPath, async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync($"<!doctype html><title>Signed out</title><link rel=\"icon\" href=\"data:,\"><h1 id=\"signed-out\">{SignedOutText}</h1>");
        });

        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return new AspNetCoreOidcApp(app, credentials, backchannel, $"http://127.0.0.1:{address.Port}");
    }

    /// <summary>The client_id and secret the portal issued; must be called before the first request.</summary>
    public void UseClient(RegisteredClient client)
    {
        _credentials.ClientId = client.ClientId;
        _credentials.ClientSecret = client.ClientSecret!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Filled in after start-up; the options lambda reads it on the first request (options are built lazily).</summary>
    private sealed class Credentials
    {
        public string ClientId { get; set; } = "not-yet-registered";
        public string ClientSecret { get; set; } = "not-yet-registered";
    }

    private sealed class RecordingHandler : DelegatingHandler
    {
        public ConcurrentQueue<string> Requests { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            Requests.Enqueue($"{request.Method} {request.RequestUri!.GetLeftPart(UriPartial.Path)} {(int)response.StatusCode}");
            return response;
        }
    }
}
